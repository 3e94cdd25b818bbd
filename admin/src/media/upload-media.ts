import type { ApiFailure, MediaItem } from '../editor/admin-types.ts';

export interface UploadOptions {
  /** The Admin API's base, e.g. "/api/admin/v1". */
  base: string;
  csrfToken: string | null;
  onProgress(fraction: number): void;
}

/**
 * Upload one image to POST /media. XMLHttpRequest rather than fetch, because only it reports how
 * much of the body has gone (the progress bar); the session cookie and CSRF token go as with every
 * other admin request. Resolves with the stored media item (metadata already stripped).
 */
export function uploadMedia(file: File, options: UploadOptions): Promise<MediaItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${options.base}/media`);
    xhr.responseType = 'json';
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (options.csrfToken) xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response as { media?: MediaItem; error?: { code: string; message: string } } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.media) {
        options.onProgress(1);
        resolve(body.media);
      } else {
        const failure: ApiFailure = {
          status: xhr.status,
          code: body?.error?.code ?? `http_${xhr.status}`,
          message: body?.error?.message ?? (xhr.statusText || 'upload failed'),
        };
        reject(failure);
      }
    });
    xhr.addEventListener('error', () => reject({ status: 0, code: 'network', message: 'network error' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
