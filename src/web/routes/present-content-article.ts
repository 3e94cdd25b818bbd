import { z } from 'zod';
import type { Article } from '../../modules/articles/index.ts';
import { renderArticleHtml, type PublicMedia } from '../../modules/articles/index.ts';
import { excerpt } from '../../modules/articles/document/index.ts';
import { publicMediaSchema } from '../../modules/media/index.ts';
import { absoluteUrl } from '../../lib/absolute-url.ts';
import { paths } from '../../modules/site/index.ts';

export interface Translation {
  language: string;
  slug: string;
  title: string;
}

// The Content API's answers, declared once: the schemas build the answers (api-route.ts) and
// describe them in the OpenAPI document, so the two cannot drift apart.

/** A byline as anyone may see it: a pen name appears only as the pen name. */
export const contentAuthorSchema = z.object({
  name: z.string(),
  slug: z.string(),
  bio: z.string(),
  url: z.string(),
});

export const contentTagSchema = z.object({
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  is_section: z.boolean(),
  url: z.string(),
});

/** The Content API's article: public fields only (a pen name's real identity is never here). */
export const contentArticleSchema = z.object({
  id: z.string(),
  slug: z.string(),
  url: z.string(),
  title: z.string(),
  standfirst: z.string(),
  language: z.string(),
  published_at: z.string().nullable(),
  updated_at: z.string(),
  /** The body as HTML, with first-party image URLs. */
  html: z.string(),
  excerpt: z.string(),
  authors: z.array(contentAuthorSchema),
  tags: z.array(contentTagSchema.omit({ description: true })),
  hero: publicMediaSchema.omit({ mime: true }).nullable(),
  translations: z.array(
    z.object({ language: z.string(), slug: z.string(), title: z.string(), url: z.string() }),
  ),
  seo: z.object({ title: z.string(), description: z.string() }),
  canonical_url: z.string(),
});

export type PublicArticle = z.output<typeof contentArticleSchema>;

export function presentArticle(
  article: Article,
  ctx: { siteUrl: string; media: Map<string, PublicMedia>; translations: Translation[] },
): PublicArticle {
  const url = (path: string) => absoluteUrl(ctx.siteUrl, path);
  const hero = article.heroMediaId ? ctx.media.get(article.heroMediaId) : undefined;
  return {
    id: article.id,
    slug: article.slug,
    url: url(paths.article(article.slug)),
    title: article.title,
    standfirst: article.standfirst,
    language: article.language,
    published_at: article.publishedAt,
    updated_at: article.updatedAt,
    html: renderArticleHtml(article.body, ctx.media),
    excerpt: article.standfirst || excerpt(article.body, 300),
    authors: article.authors.map((a) => ({
      name: a.name,
      slug: a.slug,
      bio: a.bio,
      url: url(paths.author(a.slug)),
    })),
    tags: article.tags.map((t) => ({
      name: t.name,
      slug: t.slug,
      is_section: t.isSection,
      url: url(paths.tag(t.slug)),
    })),
    hero: hero
      ? {
          id: hero.id,
          url: hero.url,
          width: hero.width,
          height: hero.height,
          caption: hero.caption,
          credit: hero.credit,
          alt: hero.alt,
          srcset: hero.srcset,
          variants: hero.variants,
        }
      : null,
    translations: ctx.translations.map((t) => ({
      language: t.language,
      slug: t.slug,
      title: t.title,
      url: url(paths.article(t.slug)),
    })),
    seo: {
      title: article.seoTitle || article.title,
      description: article.seoDescription || article.standfirst,
    },
    canonical_url: article.canonicalUrl ?? url(paths.article(article.slug)),
  };
}
