import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../domain/errors.ts';
import { translate } from '../../../i18n/index.ts';
import { paths, type FeedFormat } from '../urls.ts';
import { serveCached, type CacheInput } from '../../../web/cache/index.ts';
import { renderListing } from './listing-page.ts';
import type { SiteContext } from '../site-context.ts';
import type { FeedLinkView } from '../views/view-types.ts';
import { pageParam, parsePath, slugParam } from './route-params.ts';

const FEED_TYPES: Array<[FeedFormat, string]> = [
  ['rss', 'application/rss+xml'],
  ['atom', 'application/atom+xml'],
  ['json', 'application/feed+json'],
];

function feeds(title: string, urlOf: (format: FeedFormat) => string): FeedLinkView[] {
  return FEED_TYPES.map(([format, type]) => ({ type, title, url: urlOf(format) }));
}

/** A section or topic: its name, description and articles in every language, newest first. */
async function renderTag(ctx: SiteContext, slug: string, page: number) {
  const tag = await ctx.services.tags.findBySlug(slug);
  if (!tag) throw new NotFoundError('tag', slug);
  const lang = ctx.defaultLanguage;
  const name = ctx.services.settings.get().name;
  return renderListing(
    ctx,
    {
      filter: { tag: slug },
      kicker: translate(lang, tag.isSection ? 'tag.section' : 'tag.topic'),
      heading: tag.name,
      intro: tag.description,
      urlOf: (n) => paths.tag(slug, n),
      feeds: feeds(translate(lang, 'feed.tag', { name, tag: tag.name }), (f) => paths.tagFeed(slug, f)),
      currentSection: tag.isSection ? slug : null,
    },
    page,
  );
}

/** A byline's page. A pen name is all there is to show of its author: the name and the bio. */
async function renderAuthor(ctx: SiteContext, slug: string, page: number) {
  const author = await ctx.services.authors.findBySlug(slug);
  if (!author) throw new NotFoundError('author', slug);
  const lang = ctx.defaultLanguage;
  const name = ctx.services.settings.get().name;
  return renderListing(
    ctx,
    {
      filter: { author: slug },
      kicker: author.isPenName ? translate(lang, 'author.pen_name') : null,
      heading: author.name,
      intro: author.bio,
      urlOf: (n) => paths.author(slug, n),
      author,
      feeds: feeds(translate(lang, 'feed.author', { name, author: author.name }), (f) =>
        paths.authorFeed(slug, f),
      ),
    },
    page,
  );
}

export function registerTaxonomyRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const listing = (
    kind: 'tag' | 'author',
    render: (ctx: SiteContext, slug: string, page: number) => Promise<CacheInput>,
  ) => {
    const urlOf = kind === 'tag' ? paths.tag : paths.author;
    app.get(`/${kind}/:slug`, async (request, reply) => {
      const { slug } = parsePath({ slug: slugParam }, request.params, { slug: kind });
      return serveCached(request, reply, ctx.cache, `page:${urlOf(slug)}`, () => render(ctx, slug, 1));
    });
    app.get(`/${kind}/:slug/page/:page`, async (request, reply) => {
      const { slug, page } = parsePath({ slug: slugParam, page: pageParam }, request.params, {
        slug: kind,
      });
      if (page === 1) return reply.redirect(urlOf(slug), 301);
      return serveCached(request, reply, ctx.cache, `page:${urlOf(slug, page)}`, () =>
        render(ctx, slug, page),
      );
    });
  };
  listing('tag', renderTag);
  listing('author', renderAuthor);
}
