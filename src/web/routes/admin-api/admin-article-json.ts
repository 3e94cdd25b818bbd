import { z } from 'zod';
import type { Article, SavedArticle } from '../../../modules/articles/index.ts';
import { BlockNode, type ImportWarning } from '../../../modules/articles/document/index.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { paths } from '../../../modules/site/index.ts';
import { openApiSchemaNames } from '../../openapi.ts';

// The Admin API's article, declared once: the schema describes the answer in the OpenAPI document
// and types what presentAdminArticle builds, so the two cannot drift apart.

// A block holds blocks (lists, quotes): the OpenAPI document declares it once, by this name.
if (!openApiSchemaNames.has(BlockNode)) openApiSchemaNames.add(BlockNode, { id: 'DocumentBlock' });

const importWarningJsonSchema: z.ZodType<ImportWarning> = z.object({
  code: z.enum(['replaced_by_text', 'removed', 'text_not_kept', 'remote_image_dropped']),
  message: z.string(),
  element: z.string().optional(),
  count: z.number().int().optional(),
  text: z.string().optional(),
  origin: z.string().optional(),
  reason: z.string().optional(),
});

/** The newsroom's view of an article: everything editable, the tree as stored. */
export const adminArticleJsonSchema = z.object({
  id: z.string(),
  slug: z.string(),
  url: z.string(),
  status: z.enum(['draft', 'scheduled', 'published', 'unpublished']),
  version: z.number().int(),
  title: z.string(),
  standfirst: z.string(),
  language: z.string(),
  // As stored: an article created without a body has an empty one.
  body: z.object({ type: z.literal('doc'), content: z.array(BlockNode) }),
  published_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  translation_group: z.string().nullable(),
  seo_title: z.string(),
  seo_description: z.string(),
  canonical_url: z.string().nullable(),
  hero_media_id: z.string().nullable(),
  authors: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })),
  tags: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), is_section: z.boolean() })),
});
export type AdminArticleJson = z.output<typeof adminArticleJsonSchema>;

/** The answer with one article (get, publish, schedule, unpublish). */
export const oneArticleJsonSchema = z.object({ article: adminArticleJsonSchema });

/** The answer to a save: the article, and what pasted HTML could not keep as it was (often none). */
export const savedArticleJsonSchema = oneArticleJsonSchema.extend({
  warnings: z.array(importWarningJsonSchema),
});

export function presentAdminArticle(article: Article, siteUrl: string): AdminArticleJson {
  return {
    id: article.id,
    slug: article.slug,
    url: absoluteUrl(siteUrl, paths.article(article.slug)),
    status: article.status,
    version: article.version,
    title: article.title,
    standfirst: article.standfirst,
    language: article.language,
    body: article.body,
    published_at: article.publishedAt,
    created_at: article.createdAt,
    updated_at: article.updatedAt,
    translation_group: article.translationGroup,
    seo_title: article.seoTitle,
    seo_description: article.seoDescription,
    canonical_url: article.canonicalUrl,
    hero_media_id: article.heroMediaId,
    authors: article.authors.map((a) => ({ id: a.id, name: a.name, slug: a.slug })),
    tags: article.tags.map((t) => ({ id: t.id, name: t.name, slug: t.slug, is_section: t.isSection })),
  };
}

export function presentSavedArticle(article: SavedArticle, siteUrl: string) {
  return { article: presentAdminArticle(article, siteUrl), warnings: article.warnings };
}
