import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  articleCreateSchema,
  articleListQuerySchema,
  articleUpdateSchema,
  scheduleSchema,
  type Article,
  type SavedArticle,
} from '../../../modules/articles/index.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { paths } from '../../../modules/site/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { actorOf } from './admin-auth.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** The newsroom's view of an article: everything editable, the tree as stored. */
export function presentAdminArticle(article: Article, siteUrl: string) {
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

/**
 * Article routes authenticate the key and parse the input once; who may do what to which article
 * is decided by the operations (modules/articles/article-permissions.ts), given the actor.
 */
export function adminArticleRoutes(services: Services): AnyApiRoute[] {
  const { articles } = services;
  const out = (a: Article) => ({ article: presentAdminArticle(a, services.config.SITE_URL) });
  // A save also says what pasted HTML could not keep as it was (an empty list when all was kept).
  const saved = (a: SavedArticle) => ({ ...out(a), warnings: a.warnings });
  return [
    apiRoute({
      method: 'GET',
      url: '/articles',
      tag: 'articles',
      summary: 'All articles in any status, newest first',
      query: articleListQuerySchema,
      async handler({ query }) {
        const page = await articles.list(query);
        return {
          articles: page.items.map((a) => presentAdminArticle(a, services.config.SITE_URL)),
          meta: { page: page.page, limit: page.limit, total: page.total },
        };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/articles',
      tag: 'articles',
      summary: 'Create an article (body as body_html or as the document tree)',
      body: articleCreateSchema,
      successStatus: 201,
      handler: async ({ body }, request) => saved(await articles.create(actorOf(request), body)),
    }),
    apiRoute({
      method: 'GET',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'One article by id',
      params: idParams,
      handler: async ({ params }) => out(await articles.get(params.id)),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'Change an article; send the version you last read (409 if someone saved since)',
      params: idParams,
      body: articleUpdateSchema,
      handler: async ({ params, body }, request) =>
        saved(await articles.update(actorOf(request), params.id, body)),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'Delete an article',
      params: idParams,
      handler: async ({ params }, request) => {
        await articles.delete(actorOf(request), params.id);
        return undefined;
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/publish',
      tag: 'articles',
      summary: 'Publish now',
      params: idParams,
      handler: async ({ params }, request) => out(await articles.publish(actorOf(request), params.id)),
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/schedule',
      tag: 'articles',
      summary: 'Schedule publication at published_at (must be in the future)',
      params: idParams,
      body: scheduleSchema,
      handler: async ({ params, body }, request) =>
        out(await articles.schedule(actorOf(request), params.id, body)),
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/unpublish',
      tag: 'articles',
      summary: 'Take an article down (its URL answers 410 Gone)',
      params: idParams,
      handler: async ({ params }, request) => out(await articles.unpublish(actorOf(request), params.id)),
    }),
  ];
}
