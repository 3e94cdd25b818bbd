import { figuresOf, replaceFigures, type DocumentTree, type ImportWarning } from './document/index.ts';

// No reader's browser is sent to another site for an image in an article: a figure whose image
// lives elsewhere is copied into our media library when the article is saved, once, and then
// points at our copy (its media_id, as an uploaded photo has). What cannot be copied is removed
// and the editor is told. This runs before the save's transaction: the network is slow and a
// transaction held open across it would block every other writer on SQLite.

export type RemoteImageResult =
  { ok: true; mediaId: string; src: string } | { ok: false; reason: string; detail: string };

/** Copies the image at `url` into the media library; answers our id and our URL for it, or why not. */
export type ImportRemoteImage = (
  url: string,
  details: { alt: string; caption: string; credit: string },
  signal: AbortSignal,
) => Promise<RemoteImageResult>;

export interface RemoteImages {
  /** Absent: no image can be copied, and every remote one is removed with a warning. */
  importImage?: ImportRemoteImage;
  /** Our own site's origin: images there are ours already. */
  siteOrigin: string;
  /** For all the images of one save together; what is still loading when it ends is dropped. */
  budgetMs: number;
}

/**
 * The same site, copying nothing: our own images stay, any other is removed with a warning (a
 * save inside a caller's transaction, whose body was made ours before it began).
 */
export function withoutCopying(remote: RemoteImages | undefined): RemoteImages {
  return { siteOrigin: remote?.siteOrigin ?? 'null', budgetMs: 0 };
}

/** Different images fetched at once for one save: enough to hide latency, few enough to be polite. */
const PARALLEL = 4;
/** Images copied per save; more is no article but a scraping job. */
const MAX_IMAGES = 50;

function originOf(src: string): string | null {
  // Root-relative ("/media/...") is ours; anything else must parse as an absolute URL.
  if (src.startsWith('/') && !src.startsWith('//')) return null;
  try {
    return new URL(src).origin;
  } catch {
    return 'null';
  }
}

export async function localizeRemoteImages(
  tree: DocumentTree,
  options: RemoteImages,
): Promise<{ tree: DocumentTree; warnings: ImportWarning[] }> {
  const isRemote = (src: string) => {
    const origin = originOf(src);
    return origin !== null && origin !== options.siteOrigin;
  };
  const remote = figuresOf(tree).filter((f) => isRemote(f.src));
  if (remote.length === 0) return { tree, warnings: [] };

  // One fetch per distinct URL, however often the article shows it.
  const first = new Map<string, (typeof remote)[number]>();
  for (const figure of remote) if (!first.has(figure.src)) first.set(figure.src, figure);
  const urls = [...first.keys()];
  const results = new Map<string, RemoteImageResult>();
  const budget = AbortSignal.timeout(options.budgetMs);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const figure = first.get(url)!;
      if (next > MAX_IMAGES) {
        results.set(url, { ok: false, reason: 'too_many', detail: `more than ${MAX_IMAGES} remote images` });
      } else if (!options.importImage) {
        results.set(url, {
          ok: false,
          reason: 'unavailable',
          detail: 'images from other sites are not copied here',
        });
      } else if (budget.aborted) {
        results.set(url, { ok: false, reason: 'timeout', detail: 'the time for this save ran out' });
      } else {
        const { alt, caption, credit } = figure;
        results.set(url, await options.importImage(url, { alt, caption, credit }, budget));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, urls.length) }, worker));

  const warnings: ImportWarning[] = [];
  const warned = new Set<string>();
  const localized = replaceFigures(tree, (attrs) => {
    const result = isRemote(attrs.src) ? results.get(attrs.src) : undefined;
    if (!result) return attrs;
    if (result.ok) return { ...attrs, src: result.src, media_id: result.mediaId };
    if (!warned.has(attrs.src)) {
      warned.add(attrs.src);
      const origin = originOf(attrs.src) ?? '';
      warnings.push({
        code: 'remote_image_dropped',
        message: `An image from ${origin} was removed: ${result.detail}.`,
        element: 'img',
        origin,
        reason: result.reason,
      });
    }
    return null;
  });
  return { tree: localized, warnings };
}
