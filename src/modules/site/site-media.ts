import type { SiteServices } from './site-services.ts';
import type { Article } from '../articles/index.ts';
import { mediaIdsOf } from '../articles/index.ts';
import { toPublicMedia, type PublicMedia } from '../media/index.ts';
import { paths } from './urls.ts';

// Pages point at media with site-relative URLs ("/media/2026/11/<id>/w800.jpg"): the page works
// unchanged on a mirror, an onion address or behind any host name. Absolute URLs are only for
// what leaves the page (OpenGraph, JSON-LD).
const MEDIA_BASE = paths.media('').replace(/\/$/, '');

export async function loadMedia(
  services: Pick<SiteServices, 'media'>,
  ids: Iterable<string>,
): Promise<Map<string, PublicMedia>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, PublicMedia>();
  if (wanted.length === 0) return out;
  // One query for the whole page (a home page shows twenty-odd photos). A photo deleted from the
  // library is simply absent: its article shows no picture rather than breaking.
  const byId = new Map((await services.media.getMany(wanted)).map((m) => [m.id, m]));
  for (const id of wanted) {
    const record = byId.get(id);
    if (record) out.set(id, toPublicMedia(record, MEDIA_BASE));
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
