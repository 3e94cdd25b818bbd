// Which listing heads an incremental export renders again after articles changed: the pages a
// changed story is on now (home pages and site feeds, its tags' and authors' first pages, the
// archive around its date) and the article sitemaps from the first one whose contents moved.
import type { Services } from '../../container.ts';
import {
  articleSitemapKeys,
  articlesBefore,
  MAX_SITEMAP_URLS,
  parseChildSitemap,
  type ArticleSitemapKey,
} from '../../modules/site/index.ts';
import type { ManifestChanges, ManifestStore } from './mirror-manifest-store.ts';

export interface ListingsShowing {
  /** Whether the listing head at this site path may have changed. */
  changed: (path: string) => boolean;
  /** The changed articles' new places in the article sitemaps, for the manifest. */
  keys: NonNullable<ManifestChanges['keys']>;
}

const articleIdsIn = (deps: string[]) =>
  deps.filter((d) => d.startsWith('article:')).map((d) => d.slice('article:'.length));

/**
 * The first article sitemap (1-based) whose contents may differ, or undefined for none. The
 * sitemaps list every published article oldest first, MAX_SITEMAP_URLS to a file: adding,
 * withdrawing, editing or redating an article changes the file it was in, the one it is in now
 * and every later one (they shift by one), and none before. Its old place is the one the
 * manifest kept; when the manifest does not know it, every article sitemap is rendered.
 */
async function firstArticleSitemap(
  services: Services,
  previous: ManifestStore,
  ids: string[],
  now: ArticleSitemapKey[],
  pageSize: number,
): Promise<number | undefined> {
  const before = previous.articleKeys(ids);
  if (!before) return 1;
  const times = [...before.values(), ...now].map((k) => k.publishedAt).sort();
  const earliest = times[0];
  if (earliest === undefined) return undefined; // published neither then nor now
  const place = await articlesBefore(services.db.kysely, earliest);
  return Math.floor(place / pageSize) + 1;
}

export async function listingsShowing(
  services: Services,
  deps: string[],
  previous: ManifestStore,
  pageSize = MAX_SITEMAP_URLS,
): Promise<ListingsShowing> {
  const ids = articleIdsIn(deps);
  const slugs = new Set<string>();
  const months = new Set<string>();
  for (const id of ids) {
    const article = await services.articles.get(id).catch(() => undefined);
    if (!article) continue;
    for (const tag of article.tags) slugs.add(`tag/${tag.slug}`);
    for (const author of article.authors) slugs.add(`author/${author.slug}`);
    if (article.publishedAt) {
      // The month in UTC and its neighbours: the site's time zone may put it in either.
      const at = new Date(article.publishedAt);
      for (const shift of [-1, 0, 1]) {
        const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + shift, 15));
        months.add(`${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
      }
    }
  }
  const years = new Set([...months].map((m) => m.slice(0, 4)));
  const now = await articleSitemapKeys(services.db.kysely, ids);
  const firstSitemap = await firstArticleSitemap(services, previous, ids, now, pageSize);
  const published = new Set(now.map((k) => k.id));
  const changed = (path: string) => {
    const sitemap = /^\/sitemaps\/([^/]+)$/.exec(path);
    const child = sitemap ? parseChildSitemap(sitemap[1]!) : undefined;
    if (child?.kind === 'articles') return firstSitemap !== undefined && child.page >= firstSitemap;
    const bare = path.replace(/^\/[a-z]{2,3}(-[A-Z]{2})?(?=\/(tag|author|archive)(\/|$))/, ''); // a language prefix
    if (!/^\/(tag|author|archive)\//.test(bare) && bare !== '/archive') return true; // home, feeds, sitemaps
    const m = /^\/(tag|author)\/([^/]+)/.exec(bare);
    if (m) return slugs.has(`${m[1]}/${m[2]}`);
    const a = /^\/archive(?:\/(\d{4})(?:\/(\d{2}))?)?$/.exec(bare);
    if (!a) return true;
    if (!a[1]) return true;
    return a[2] ? months.has(`${a[1]}/${a[2]}`) : years.has(a[1]);
  };
  return { changed, keys: { put: now, remove: ids.filter((id) => !published.has(id)) } };
}
