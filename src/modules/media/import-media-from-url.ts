import type { FetchRefusal, SafeFetch } from '../../adapters/http-fetch/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { MediaDetails, MediaRecord, UploadMediaInput } from './media.types.ts';

/**
 * Why an image from another site could not become ours: the fetch's refusals, or
 * not_an_image (the bytes are no image we accept, or one over the pixel limit).
 */
export type RemoteImportRefusal = FetchRefusal | 'not_an_image';

export type RemoteImportResult =
  { ok: true; record: MediaRecord } | { ok: false; reason: RemoteImportRefusal; detail: string };

// The header is only a first filter (a server calling a page "image/png" still has its bytes
// sniffed by processImage); a server that says "text/html" is not downloaded at all.
const looksLikeImage = (contentType: string) =>
  contentType === '' || contentType === 'application/octet-stream' || contentType.startsWith('image/');

/**
 * Fetch `url` once and store it exactly as an upload is stored (metadata stripped, variants
 * made, through the image worker). What the other site did wrong is an answer, not an error;
 * our own failures (storage, database) still throw.
 */
export async function importMediaFromUrl(
  fetchRemote: SafeFetch,
  upload: (input: UploadMediaInput) => Promise<MediaRecord>,
  url: string,
  details: MediaDetails,
  signal?: AbortSignal,
): Promise<RemoteImportResult> {
  const fetched = await fetchRemote(url, { accept: looksLikeImage, ...(signal ? { signal } : {}) });
  if (!fetched.ok) return fetched;
  try {
    const record = await upload({
      bytes: fetched.file.bytes,
      // The media library's limits, shorter than a figure's: keep what fits.
      caption: details.caption?.slice(0, 1000),
      credit: details.credit?.slice(0, 300),
      alt: details.alt?.slice(0, 1000),
    });
    return { ok: true, record };
  } catch (err) {
    // Refusals of the bytes themselves (not an image, damaged, too many pixels).
    if (err instanceof DomainError) return { ok: false, reason: 'not_an_image', detail: err.message };
    throw err;
  }
}
