import { z } from 'zod';
import { slugSchema } from '../../lib/slug.ts';
import { hasControlCharacterDeep, multiLine, singleLine } from '../../lib/text-schemas.ts';
import type { ArticleStatus } from '../../db/schema.ts';
import type { Author } from '../authors/index.ts';
import type { Tag } from '../tags/index.ts';
import type { DocumentTree, ImportWarning } from './document/index.ts';

export const languageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language code such as en or ru' });

/** Earliest and latest years an article date may carry: wider than any archive, narrower than typos. */
export const DATE_YEAR_RANGE = { min: 1900, max: 2200 } as const;

// Year 0000 or 9999 is a slip of the keyboard, and dates that far out break sorting, feeds and
// sitemaps downstream: refused at the door.
const isoDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with time zone' })
  .refine(
    (v) => {
      const year = new Date(v).getUTCFullYear();
      return year >= DATE_YEAR_RANGE.min && year <= DATE_YEAR_RANGE.max;
    },
    { message: `must be between the years ${DATE_YEAR_RANGE.min} and ${DATE_YEAR_RANGE.max}` },
  );
const id = singleLine(64).min(1);
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).max(2000);

/** Fields shared by create and update. The body comes as HTML or as the document tree, never both. */
const articleFields = {
  title: singleLine(300).min(1),
  slug: slugSchema,
  standfirst: multiLine(1000),
  body_html: multiLine(2_000_000),
  body: z.unknown().refine((v) => !hasControlCharacterDeep(v), {
    message: 'must not contain control characters (such as NUL) in any text',
  }),
  language: languageSchema,
  author_ids: z.array(id).max(20),
  tag_ids: z.array(id).max(50),
  translation_of: id.nullable(),
  seo_title: singleLine(300),
  seo_description: multiLine(500),
  canonical_url: httpUrl.nullable(),
  hero_media_id: id.nullable(),
};

export const articleCreateSchema = z
  .object({
    ...articleFields,
    title: articleFields.title,
    slug: articleFields.slug.optional(),
    standfirst: articleFields.standfirst.default(''),
    body_html: articleFields.body_html.optional(),
    body: articleFields.body.optional(),
    language: articleFields.language.optional(),
    author_ids: articleFields.author_ids.default([]),
    tag_ids: articleFields.tag_ids.default([]),
    translation_of: articleFields.translation_of.optional(),
    seo_title: articleFields.seo_title.default(''),
    seo_description: articleFields.seo_description.default(''),
    canonical_url: articleFields.canonical_url.optional(),
    hero_media_id: articleFields.hero_media_id.optional(),
    status: z.enum(['draft', 'published', 'scheduled']).default('draft'),
    published_at: isoDateTime.optional(),
  })
  .strict()
  .refine((v) => !(v.body_html !== undefined && v.body !== undefined), {
    message: 'give the body either as body_html or as body (the document tree), not both',
    path: ['body'],
  })
  .refine((v) => v.status !== 'scheduled' || v.published_at !== undefined, {
    message: 'a scheduled article needs published_at',
    path: ['published_at'],
  });

export const articleUpdateSchema = z
  .object({
    /** The version the editor last saw; a newer one in the database means someone else saved. */
    version: z.number().int().min(1),
    title: articleFields.title.optional(),
    slug: articleFields.slug.optional(),
    standfirst: articleFields.standfirst.optional(),
    body_html: articleFields.body_html.optional(),
    body: articleFields.body.optional(),
    language: articleFields.language.optional(),
    author_ids: articleFields.author_ids.optional(),
    tag_ids: articleFields.tag_ids.optional(),
    translation_of: articleFields.translation_of.optional(),
    seo_title: articleFields.seo_title.optional(),
    seo_description: articleFields.seo_description.optional(),
    canonical_url: articleFields.canonical_url.optional(),
    hero_media_id: articleFields.hero_media_id.optional(),
  })
  .strict()
  .refine((v) => !(v.body_html !== undefined && v.body !== undefined), {
    message: 'give the body either as body_html or as body (the document tree), not both',
    path: ['body'],
  });

export const scheduleSchema = z.object({ published_at: isoDateTime }).strict();

export const articleListQuerySchema = z.object({
  /** Words the headline contains (case-insensitive), for the newsroom's own list. */
  q: z.string().trim().min(1).max(200).optional(),
  tag: slugSchema.optional(),
  /** A section's slug (a section is a tag shown in the navigation). */
  section: slugSchema.optional(),
  author: slugSchema.optional(),
  language: languageSchema.optional(),
  status: z.enum(['draft', 'scheduled', 'published', 'unpublished']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(15),
});

// The operations take these typed inputs: the routes parse once with the schemas above, and
// in-process callers (CLI, seed, tests) build them directly. Fields with defaults are optional
// here and the operations fill them in, so either caller gets the same article.
export type ArticleCreate = z.input<typeof articleCreateSchema>;
export type ArticleUpdate = z.input<typeof articleUpdateSchema>;
export type ArticleSchedule = z.input<typeof scheduleSchema>;
export interface ArticleListQuery {
  q?: string;
  tag?: string;
  section?: string;
  author?: string;
  language?: string;
  status?: ArticleStatus;
  page?: number;
  limit?: number;
}

export interface Article {
  id: string;
  slug: string;
  language: string;
  title: string;
  standfirst: string;
  body: DocumentTree;
  bodyText: string;
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  translationGroup: string | null;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string | null;
  heroMediaId: string | null;
  version: number;
  authors: Author[];
  tags: Tag[];
}

/** An article as a create or update left it, with what its pasted HTML could not keep as it was. */
export type SavedArticle = Article & { warnings: ImportWarning[] };

export interface ArticlePage {
  items: Article[];
  total: number;
  page: number;
  limit: number;
}
