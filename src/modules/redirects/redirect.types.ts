import { z } from 'zod';
import { MAX_REDIRECT_PATH } from './redirect-path.ts';

/** A redirect as the Admin API shows it (snake_case like every Admin API answer). */
export const redirectJsonSchema = z.object({
  path: z.string(),
  /** Where it answers now: the article's current address when it names one. */
  location: z.string(),
  target: z.string(),
  article_id: z.string().nullable(),
  status: z.number().int(),
  origin: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type RedirectJson = z.output<typeof redirectJsonSchema>;

/** An editor's redirect: any old address, to a path here or an http(s) URL. */
export const redirectPutSchema = z
  .object({
    path: z.string().min(1).max(MAX_REDIRECT_PATH),
    target: z.string().min(1).max(2000),
    status: z.union([z.literal(301), z.literal(302), z.literal(308)]).default(301),
  })
  .strict();
export type RedirectPut = z.input<typeof redirectPutSchema>;

export const redirectListQuerySchema = z.object({
  /** Part of the old path or of the target. */
  q: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type RedirectListQuery = z.input<typeof redirectListQuerySchema>;

export const redirectDeleteQuerySchema = z
  .object({ path: z.string().min(1).max(MAX_REDIRECT_PATH) })
  .strict();

export interface Redirect {
  path: string;
  location: string;
  target: string;
  articleId: string | null;
  status: number;
  origin: string;
  createdAt: string;
  updatedAt: string;
}

/** One old address an importer keeps for an article. */
export interface ArticleRedirect {
  /** Full URL or path of the old address. */
  from: string;
  /** The article's address now (kept as the fallback target). */
  target: string;
  articleId: string;
  origin: string;
}

export function presentRedirect(r: Redirect): RedirectJson {
  return {
    path: r.path,
    location: r.location,
    target: r.target,
    article_id: r.articleId,
    status: r.status,
    origin: r.origin,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}
