import { z } from 'zod';

/** Featured slots beside the lead story; more would push the latest stream off the first screen. */
export const MAX_FEATURED = 4;
/** A strip, not a story: one line on a phone. */
export const MAX_BREAKING_TEXT = 160;

const articleId = z.string().trim().min(1).max(64);

// A link on our own site ("/articles/…") or an http(s) address; nothing a browser would run.
const breakingUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => (v.startsWith('/') && !v.startsWith('//')) || /^https?:\/\/[^\s]+$/i.test(v), {
    message: 'a path on this site ("/…") or an http(s) address',
  });

export const breakingInputSchema = z
  .object({
    text: z.string().trim().min(1).max(MAX_BREAKING_TEXT),
    url: breakingUrl.optional(),
    article_id: articleId.optional(),
    expires_at: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((b) => !(b.url && b.article_id), {
    message: 'link the strip to a url or to an article_id, not both',
    path: ['url'],
  });

/** What editors send: the whole front page at once, so the order of the featured slots is theirs. */
export const frontPageInputSchema = z
  .object({
    lead: articleId.nullable(),
    featured: z
      .array(articleId)
      .max(MAX_FEATURED)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'a story is featured at most once' }),
    breaking: breakingInputSchema.nullable(),
  })
  .strict()
  .refine((f) => !f.lead || !f.featured.includes(f.lead), {
    message: 'the lead story cannot also be featured',
    path: ['featured'],
  });

export type FrontPageInput = z.input<typeof frontPageInputSchema>;

export const breakingNewsSchema = z.object({
  text: z.string(),
  url: z.string().nullable(),
  article_id: z.string().nullable(),
  expires_at: z.string(),
});

/** The front page as stored; an expired strip answers null. */
export const frontPageSchema = z.object({
  lead: z.string().nullable(),
  featured: z.array(z.string()),
  breaking: breakingNewsSchema.nullable(),
  updated_at: z.string().nullable(),
  updated_by: z.string().nullable(),
});

export type BreakingNews = z.infer<typeof breakingNewsSchema>;
export type FrontPage = z.infer<typeof frontPageSchema>;
