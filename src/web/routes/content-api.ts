import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../container.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { slugSchema } from '../../lib/slug.ts';
import { isArticleVisibleToReaders, languageSchema, type Article } from '../../modules/articles/index.ts';
import { mediaIdsOf } from '../../modules/articles/index.ts';
import {
  contentArticleSchema,
  contentAuthorSchema,
  contentTagSchema,
  presentArticle,
} from './present-content-article.ts';
import { absoluteUrl } from '../../lib/absolute-url.ts';
import { paths } from '../../modules/site/index.ts';
import { answerOf, apiRoute, registerApiRoutes, type AnyApiRoute } from '../api-route.ts';
import { buildOpenApi } from '../openapi.ts';
import { cacheTags, serveCached } from '../cache/index.ts';

export const CONTENT_API_PREFIX = '/api/content/v1';

const listQuery = z.object({
  tag: slugSchema.optional(),
  author: slugSchema.optional(),
  language: languageSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(15),
});

async function presentMany(services: Services, articles: Article[]) {
  const [media, translations] = await Promise.all([
    services.lookupMedia(articles.flatMap(mediaIdsOf)),
    services.articles.publishedTranslationsOf(articles),
  ]);
  return articles.map((article) =>
    presentArticle(article, {
      siteUrl: services.config.SITE_URL,
      media,
      translations: translations.get(article.id) ?? [],
    }),
  );
}

const API_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';

/**
 * Answer from the page cache, rendering on a miss through the route's answer schema (what is
 * cached is what the document declares). `key` is built from validated input, so unknown query
 * parameters neither miss the cache nor grow it.
 */
function cached<R extends z.ZodType>(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  schema: R,
  produce: () => Promise<{ body: z.output<R>; tags: string[]; store?: boolean }>,
) {
  return serveCached(request, reply, services.pageCache, `content-api:${key}`, async () => {
    const { body, tags, store } = await produce();
    return {
      body: JSON.stringify(answerOf(schema, body)),
      contentType: 'application/json; charset=utf-8',
      tags,
      cacheControl: API_CACHE_CONTROL,
      ...(store === false ? { store } : {}),
    };
  });
}

const articleListAnswer = z.object({
  articles: z.array(contentArticleSchema),
  meta: z.object({
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    pages: z.number().int(),
  }),
});
const oneArticleAnswer = z.object({ article: contentArticleSchema });
const tagsAnswer = z.object({ tags: z.array(contentTagSchema) });
const authorsAnswer = z.object({ authors: z.array(contentAuthorSchema) });

export function contentApiRoutes(services: Services): AnyApiRoute[] {
  const siteUrl = services.config.SITE_URL;
  return [
    apiRoute({
      method: 'GET',
      url: '/articles',
      tag: 'articles',
      summary: 'Published articles, newest first, filtered by tag, author or language',
      query: listQuery,
      response: articleListAnswer,
      handler: ({ query }, request, reply) =>
        cached(services, request, reply, `articles:${JSON.stringify(query)}`, articleListAnswer, async () => {
          const page = await services.articles.list(query, { readerVisible: true });
          return {
            tags: [cacheTags.listings],
            // An empty answer is not kept: a tag or author that does not exist, or a page past
            // the end, is anyone's to make up without end (issue 8: random ?tag= values once
            // filled 650 MB). It costs one indexed query to answer again.
            store: page.items.length > 0,
            body: {
              articles: await presentMany(services, page.items),
              meta: {
                page: page.page,
                limit: page.limit,
                total: page.total,
                pages: Math.ceil(page.total / page.limit),
              },
            },
          };
        }),
    }),
    apiRoute({
      method: 'GET',
      url: '/articles/:slug',
      tag: 'articles',
      summary: 'One published article by slug',
      params: z.object({ slug: slugSchema }),
      response: oneArticleAnswer,
      handler: ({ params }, request, reply) =>
        cached(services, request, reply, `article:${params.slug}`, oneArticleAnswer, async () => {
          const article = await services.articles.findBySlug(params.slug);
          if (!article || !isArticleVisibleToReaders(article))
            throw new NotFoundError('article', params.slug);
          const [presented] = await presentMany(services, [article]);
          const translations =
            (await services.articles.publishedTranslationsOf([article])).get(article.id) ?? [];
          return {
            // A translation appearing or going changes this answer too.
            tags: [article.id, ...translations.map((t) => t.id)].map(cacheTags.article),
            body: { article: presented! },
          };
        }),
    }),
    apiRoute({
      method: 'GET',
      url: '/tags',
      tag: 'taxonomy',
      summary: 'All tags; sections (navigation tags) first',
      response: tagsAnswer,
      handler: (_input, request, reply) =>
        cached(services, request, reply, 'tags', tagsAnswer, async () => ({
          tags: [cacheTags.listings],
          body: {
            tags: (await services.tags.list()).map((t) => ({
              name: t.name,
              slug: t.slug,
              description: t.description,
              is_section: t.isSection,
              url: absoluteUrl(siteUrl, paths.tag(t.slug)),
            })),
          },
        })),
    }),
    apiRoute({
      method: 'GET',
      url: '/authors',
      tag: 'taxonomy',
      summary: 'All bylines (a pen name appears only as the pen name)',
      response: authorsAnswer,
      handler: (_input, request, reply) =>
        cached(services, request, reply, 'authors', authorsAnswer, async () => ({
          tags: [cacheTags.listings],
          body: {
            authors: (await services.authors.list()).map((a) => ({
              name: a.name,
              slug: a.slug,
              bio: a.bio,
              url: absoluteUrl(siteUrl, paths.author(a.slug)),
            })),
          },
        })),
    }),
  ];
}

export function registerContentApi(app: FastifyInstance, services: Services): void {
  const routes = contentApiRoutes(services);
  const openapi = buildOpenApi(
    {
      title: `${services.publicationName()} Content API`,
      version: '1.0.0',
      description: 'Public, read-only, cacheable access to published journalism.',
    },
    absoluteUrl(services.config.SITE_URL, CONTENT_API_PREFIX),
    routes,
    { bearerAuth: false },
  );
  app.register(async (scope) => {
    scope.addHook('onSend', async (request, reply, payload) => {
      if (request.method === 'GET' || request.method === 'HEAD')
        reply.header('Access-Control-Allow-Origin', '*');
      return payload;
    });
    registerApiRoutes(scope, CONTENT_API_PREFIX, routes);
    scope.get(`${CONTENT_API_PREFIX}/openapi.json`, async (_request, reply) => {
      reply.header('Cache-Control', API_CACHE_CONTROL);
      return openapi;
    });
  });
}
