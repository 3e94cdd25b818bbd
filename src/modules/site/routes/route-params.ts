import { NotFoundError } from '../../../domain/errors.ts';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '../../../lib/slug.ts';
import type { SiteContext } from '../site-context.ts';
import type { ListingSite } from '../views/listing-view.ts';

// Path parameters are checked before anything reads the database: a slug is a slug or the page
// does not exist. Traversal attempts, NULs and absurd lengths all end here, as a 404.

export function slugParam(raw: unknown, what: string): string {
  if (typeof raw !== 'string' || raw.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(raw)) {
    throw new NotFoundError(what, typeof raw === 'string' ? raw.slice(0, 80) : '');
  }
  return raw;
}

export const MAX_PAGE = 100_000;

/** A page number as written in a path: digits without a leading zero, 1..MAX_PAGE. */
export function pageParam(raw: unknown): number {
  const n = typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_PAGE)) throw new NotFoundError('page', String(raw).slice(0, 20));
  return n;
}

/** A page number from `?page=`: anything unusable means the first page. */
export function pageQuery(raw: unknown): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(n, 1), MAX_PAGE);
}

/** The first value of a query parameter, as a string ("" when absent or not a string). */
export function queryText(query: unknown, name: string): string {
  const value = query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** A page past the last one does not exist (an empty listing still has its first page). */
export function assertPageExists(page: number, pages: number): void {
  if (page > pages) throw new NotFoundError('page', String(page));
}

export function listingSite(ctx: SiteContext, lang: string): ListingSite {
  const settings = ctx.services.settings.get();
  return {
    url: ctx.siteUrl,
    name: settings.name,
    description: settings.descriptions[lang] || settings.description,
    timeZone: ctx.timeZone,
  };
}
