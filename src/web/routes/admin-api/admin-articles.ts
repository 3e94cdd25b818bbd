import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  articleCreateSchema,
  articleListQuerySchema,
  articleUpdateSchema,
  scheduleSchema,
  type Article,
} from '../../../modules/articles/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import {
  adminArticleJsonSchema,
  oneArticleJsonSchema,
  presentAdminArticle,
  presentSavedArticle,
  savedArticleJsonSchema,
} from './admin-article-json.ts';
import { actorOf } from './admin-auth.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Article routes authenticate the key and parse the input once; who may do what to which article
 * is decided by the operations (modules/articles/article-permissions.ts), given the actor.
 */
export function adminArticleRoutes(services: Services): AnyApiRoute[] {
  const { articles } = services;
  const siteUrl = services.config.SITE_URL;
  const out = (a: Article) => ({ article: presentAdminArticle(a, siteUrl) });
  return [
    apiRoute({
      method: 'GET',
      url: '/articles',
      tag: 'articles',
      summary: 'All articles in any status, newest first',
      query: articleListQuerySchema,
      response: z.object({
        articles: z.array(adminArticleJsonSchema),
        meta: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
      }),
      async handler({ query }) {
        const page = await articles.list(query);
        return {
          articles: page.items.map((a) => presentAdminArticle(a, siteUrl)),
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
      response: savedArticleJsonSchema,
      handler: async ({ body }, request) =>
        presentSavedArticle(await articles.create(actorOf(request), body), siteUrl),
    }),
    apiRoute({
      method: 'GET',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'One article by id',
      params: idParams,
      response: oneArticleJsonSchema,
      handler: async ({ params }) => out(await articles.get(params.id)),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/articles/:id',
      tag: 'articles',
      summary: 'Change an article; send the version you last read (409 if someone saved since)',
      params: idParams,
      body: articleUpdateSchema,
      response: savedArticleJsonSchema,
      handler: async ({ params, body }, request) =>
        presentSavedArticle(await articles.update(actorOf(request), params.id, body), siteUrl),
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
      response: oneArticleJsonSchema,
      handler: async ({ params }, request) => out(await articles.publish(actorOf(request), params.id)),
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/schedule',
      tag: 'articles',
      summary: 'Schedule publication at published_at (must be in the future)',
      params: idParams,
      response: oneArticleJsonSchema,
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
      response: oneArticleJsonSchema,
      handler: async ({ params }, request) => out(await articles.unpublish(actorOf(request), params.id)),
    }),
  ];
}
