import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, NotFoundError } from '../../../domain/errors.ts';
import { isArticleVisibleToReaders, type Article } from '../../articles/index.ts';
import { paths } from '../urls.ts';
import { htmlPage, languageFor, renderPage } from '../render-page.ts';
import { cacheTags, serveCached } from '../../../web/cache/index.ts';
import { readMoreFor } from '../related-articles.ts';
import type { SiteContext } from '../site-context.ts';
import { allMediaIds, heroIds, loadMedia } from '../site-media.ts';
import { articlePageView } from '../views/article-view.ts';
import { svgSize } from '../theme/theme-assets.ts';
import { parsePath, slugParam } from './route-params.ts';

/** The language an error page should speak for a request (a withdrawn article's own language). */
export const errorLanguage = new WeakMap<FastifyRequest, string>();

/**
 * A published article, or the reason there is none: 410 for an article the newsroom withdrew,
 * 404 for everything else (drafts and scheduled articles do not exist for readers).
 */
async function publishedArticle(ctx: SiteContext, request: FastifyRequest, slug: string): Promise<Article> {
  const article = await ctx.services.articles.findBySlug(slug);
  if (article && isArticleVisibleToReaders(article)) return article;
  if (article?.status === 'unpublished') {
    errorLanguage.set(request, article.language);
    throw new DomainError('gone', `article "${slug}" was withdrawn`);
  }
  throw new NotFoundError('article', slug);
}

/** The article page as readers see it (the cache entry's body and tags). */
export async function renderArticle(ctx: SiteContext, original: Article) {
  const [translationsOf, related, language] = await Promise.all([
    ctx.services.articles.publishedTranslationsOf([original]),
    readMoreFor(ctx, original),
    languageFor(ctx, original.language),
  ]);
  // Its section, topics and bylines as the article's language names them.
  const article = language.article(original);
  const readMore = related.map(language.article);
  const translations = translationsOf.get(article.id) ?? [];
  const media = await loadMedia(ctx.services, [...allMediaIds(article), ...heroIds(readMore)]);
  const parts = await ctx.services.renderedParts?.read(article, media, ctx.siteUrl);
  const logoAsset = ctx.theme.assets.get('logo.svg');
  const logoSize = logoAsset ? svgSize(logoAsset.body.toString('utf8')) : undefined;
  const logo = logoAsset && logoSize ? { url: ctx.theme.assets.urlOf('logo.svg'), ...logoSize } : null;
  const view = articlePageView({
    article,
    media,
    translations,
    readMore,
    ...(parts ? { parts } : {}),
    paths: language.paths,
    site: {
      url: ctx.siteUrl,
      name: ctx.services.settings.get().name,
      timeZone: ctx.timeZone,
      defaultLanguage: ctx.defaultLanguage,
      logo,
    },
  });
  const section = article.tags.find((t) => t.isSection)?.slug ?? null;
  const html = await renderPage(ctx, 'article', { ...view }, { currentSection: section, language });
  // The page shows its translations' titles and its Read more cards: their edits refresh it too.
  const shown = [article.id, ...translations.map((t) => t.id), ...readMore.map((a) => a.id)];
  return htmlPage(html, shown.map(cacheTags.article));
}

export function registerArticleRoutes(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/articles/:slug', async (request, reply) => {
    const { slug } = parsePath({ slug: slugParam }, request.params, { slug: 'article' });
    return serveCached(request, reply, ctx.cache, `page:${paths.article(slug)}`, async () =>
      renderArticle(ctx, await publishedArticle(ctx, request, slug)),
    );
  });
}
