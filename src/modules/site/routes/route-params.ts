import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.ts';
import { slugSchema } from '../../../lib/slug.ts';
import type { SiteContext } from '../site-context.ts';
import type { ListingSite } from '../views/listing-view.ts';

// Path parameters are parsed once, with zod, before anything reads the database: a slug is a
// slug or the page does not exist. Traversal attempts, NULs and absurd lengths all end here, as
// a 404 naming the first parameter that failed.

export const MAX_PAGE = 100_000;

export const slugParam = slugSchema;
/** A page number as written in a path: digits without a leading zero, 1..MAX_PAGE. */
export const pageParam = z
  .string()
  .regex(/^[1-9]\d{0,5}$/)
  .transform(Number)
  .pipe(z.number().max(MAX_PAGE));
/** An archive year on the newsroom's calendar, 1970 onwards. */
export const yearParam = z
  .string()
  .regex(/^(19[7-9]\d|[2-9]\d{3})$/)
  .transform(Number);
export const monthParam = z
  .string()
  .regex(/^(0[1-9]|1[0-2])$/)
  .transform(Number);

/**
 * `request.params` parsed by `schema`, or a NotFoundError for the first parameter that failed:
 * `{ slug: 'tag' }` in `what` names a slug failure as a missing tag.
 */
export function parsePath<Shape extends z.ZodRawShape>(
  shape: Shape,
  params: unknown,
  what: Partial<Record<keyof Shape, string>> = {},
): z.output<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(params);
  if (result.success) return result.data;
  const key = String(result.error.issues[0]?.path[0] ?? 'page');
  const raw = (params as Record<string, unknown> | undefined)?.[key];
  throw new NotFoundError(what[key as keyof Shape] ?? key, typeof raw === 'string' ? raw.slice(0, 80) : '');
}

/** A page number from `?page=`: anything unusable means the first page. */
export function pageQuery(raw: unknown): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const n = z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .catch(1)
    .parse(value);
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
