import type { SiteServices } from './site-services.ts';
import type { Article } from '../articles/index.ts';
import { mediaIdsOf } from '../articles/index.ts';
import { toPublicMedia, type PublicMedia } from '../media/index.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { paths } from './urls.ts';

// Pages point at media with site-relative URLs ("/media/2026/11/<id>/w800.jpg"): the page works
// unchanged on a mirror, an onion address or behind any host name. Absolute URLs are only for
// what leaves the page (OpenGraph, JSON-LD).
const MEDIA_BASE = paths.media('').replace(/\/$/, '');

export async function loadMedia(
  services: SiteServices,
  ids: Iterable<string>,
): Promise<Map<string, PublicMedia>> {
  const out = new Map<string, PublicMedia>();
  for (const id of new Set(ids)) {
    try {
      out.set(id, toPublicMedia(await services.media.get(id), MEDIA_BASE));
    } catch (err) {
      // A photo deleted from the library leaves its article without a picture, not broken.
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
  return out;
}

/** Hero images of listed articles. */
export function heroIds(articles: Article[]): string[] {
  return articles.flatMap((a) => (a.heroMediaId ? [a.heroMediaId] : []));
}

/** Hero and every figure in the body. */
export function allMediaIds(article: Article): string[] {
  return mediaIdsOf(article);
}
