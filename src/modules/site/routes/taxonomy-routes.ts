import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../domain/errors.ts';
import { translate } from '../../../i18n/index.ts';
import { localized } from '../../../lib/translations.ts';
import { languagePrefix, pathsIn, type FeedFormat } from '../urls.ts';
import { serveCached, type CacheInput } from '../../../web/cache/index.ts';
import { renderListing } from './listing-page.ts';
import type { SiteContext } from '../site-context.ts';
import type { AlternateView, FeedLinkView } from '../views/view-types.ts';
import { languageAlternates, languageFor } from '../render-page.ts';
import { siteLanguages, type PageLanguage } from '../page-language.ts';
import { pageParam, parsePath, slugParam } from './route-params.ts';

const FEED_TYPES: Array<[FeedFormat, string]> = [
  ['rss', 'application/rss+xml'],
  ['atom', 'application/atom+xml'],
  ['json', 'application/feed+json'],
];

function feeds(title: string, urlOf: (format: FeedFormat) => string): FeedLinkView[] {
  return FEED_TYPES.map(([format, type]) => ({ type, title, url: urlOf(format) }));
}

/** The page in each language, under that language's slug (or the default one where it has none). */
function alternatesOf(
  ctx: SiteContext,
  thing: { slug: string; translations?: Record<string, { slug: string | null }> },
  urlOf: (prefix: string, slug: string) => string,
): AlternateView[] {
  return languageAlternates(ctx, (prefix) => {
    const lang = ctx.languages().find((l) => languagePrefix(l, ctx.defaultLanguage) === prefix);
    const slug = localized({ slug: thing.slug }, lang ? thing.translations?.[lang] : undefined).slug;
    return urlOf(prefix, slug);
  });
}

/** A section or topic: its name, description and articles in every language, newest first. */
async function renderTag(ctx: SiteContext, language: PageLanguage, slug: string, page: number) {
  const found = await ctx.services.tags.findBySlugIn(language.lang, slug);
  if (!found) throw new NotFoundError('tag', slug);
  const { lang, paths } = language;
  const tag = language.tag(found);
  const name = ctx.services.settings.get().name;
  return renderListing(
    ctx,
    {
      filter: { tag: found.slug },
      kicker: translate(lang, tag.isSection ? 'tag.section' : 'tag.topic'),
      heading: tag.name,
      intro: tag.description,
      urlOf: (n) => paths.tag(tag.slug, n),
      feeds: feeds(translate(lang, 'feed.tag', { name, tag: tag.name }), (f) => paths.tagFeed(tag.slug, f)),
      currentSection: tag.isSection ? tag.slug : null,
      ...(tag.isSection ? { sectionUrl: paths.tag(tag.slug) } : {}),
      alternates: alternatesOf(ctx, found, (prefix, s) => pathsIn(prefix).tag(s)),
    },
    page,
    language,
  );
}

/** A byline's page. A pen name is all there is to show of its author: the name and the bio. */
async function renderAuthor(ctx: SiteContext, language: PageLanguage, slug: string, page: number) {
  const found = await ctx.services.authors.findBySlugIn(language.lang, slug);
  if (!found) throw new NotFoundError('author', slug);
  const { lang, paths } = language;
  const author = language.author(found);
  const name = ctx.services.settings.get().name;
  return renderListing(
    ctx,
    {
      filter: { author: found.slug },
      kicker: author.isPenName ? translate(lang, 'author.pen_name') : null,
      heading: author.name,
      intro: author.bio,
      urlOf: (n) => paths.author(author.slug, n),
      author,
      feeds: feeds(translate(lang, 'feed.author', { name, author: author.name }), (f) =>
        paths.authorFeed(author.slug, f),
      ),
      alternates: alternatesOf(ctx, found, (prefix, s) => pathsIn(prefix).author(s)),
    },
    page,
    language,
  );
}

export function registerTaxonomyRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const listing = (
    lang: string,
    kind: 'tag' | 'author',
    render: (ctx: SiteContext, language: PageLanguage, slug: string, page: number) => Promise<CacheInput>,
  ) => {
    const prefix = languagePrefix(lang, ctx.defaultLanguage);
    const urls = pathsIn(prefix);
    const urlOf = kind === 'tag' ? urls.tag : urls.author;
    const language = () => languageFor(ctx, lang);
    app.get(`${prefix}/${kind}/:slug`, async (request, reply) => {
      const { slug } = parsePath({ slug: slugParam }, request.params, { slug: kind });
      return serveCached(request, reply, ctx.cache, `page:${urlOf(slug)}`, async () =>
        render(ctx, await language(), slug, 1),
      );
    });
    app.get(`${prefix}/${kind}/:slug/page/:page`, async (request, reply) => {
      const { slug, page } = parsePath({ slug: slugParam, page: pageParam }, request.params, {
        slug: kind,
      });
      if (page === 1) return reply.redirect(urlOf(slug), 301);
      return serveCached(request, reply, ctx.cache, `page:${urlOf(slug, page)}`, async () =>
        render(ctx, await language(), slug, page),
      );
    });
  };
  for (const lang of siteLanguages(ctx.defaultLanguage)) {
    listing(lang, 'tag', renderTag);
    listing(lang, 'author', renderAuthor);
  }
}
