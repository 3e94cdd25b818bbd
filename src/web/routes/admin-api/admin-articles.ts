import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  articleCreateSchema,
  articleListQuerySchema,
  articleUpdateSchema,
  scheduleSchema,
  type Article,
} from '../../../modules/articles/article.types.ts';
import { absolute, paths } from '../../../modules/site/urls.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { authorize } from './admin-auth.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** The newsroom's view of an article: everything editable, the tree as stored. */
export function presentAdminArticle(article: Article, siteUrl: string) {
  return {
    id: article.id,
    slug: article.slug,
    url: absolute(siteUrl, paths.article(article.slug)),
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

export function adminArticleRoutes(services: Services): AnyApiRoute[] {
  const { articles } = services;
  const out = (a: Article) => ({ article: presentAdminArticle(a, services.config.SITE_URL) });
  return [
    apiRoute({
      method: 'GET',
      url: '/articles',
      tag: 'articles',
      summary: 'All articles in any status, newest first',
      permission: 'articles.write',
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
      permission: 'articles.write',
      body: articleCreateSchema,
      successStatus: 201,
      async handler(_input, request) {
        const body = request.body as { status?: string } | undefined;
        if (body?.status && body.status !== 'draft') await authorize(services, request, 'articles.publish');
        return out(await articles.create(request.body));
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'One article by id',
      permission: 'articles.write',
      params: idParams,
      handler: async ({ params }) => out(await articles.get(params.id)),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'Change an article; send the version you last read (409 if someone saved since)',
      permission: 'articles.write',
      params: idParams,
      body: articleUpdateSchema,
      handler: async ({ params }, request) => out(await articles.update(params.id, request.body)),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'Delete an article',
      permission: 'articles.delete',
      params: idParams,
      handler: async ({ params }) => {
        await articles.delete(params.id);
        return undefined;
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/publish',
      tag: 'articles',
      summary: 'Publish now',
      permission: 'articles.publish',
      params: idParams,
      handler: async ({ params }) => out(await articles.publish(params.id)),
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/schedule',
      tag: 'articles',
      summary: 'Schedule publication at published_at (must be in the future)',
      permission: 'articles.publish',
      params: idParams,
      body: scheduleSchema,
      handler: async ({ params }, request) => out(await articles.schedule(params.id, request.body)),
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/unpublish',
      tag: 'articles',
      summary: 'Take an article down (its URL answers 410 Gone)',
      permission: 'articles.publish',
      params: idParams,
      handler: async ({ params }) => out(await articles.unpublish(params.id)),
    }),
  ];
}
