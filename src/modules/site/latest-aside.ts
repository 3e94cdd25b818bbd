import type { Article } from '../articles/index.ts';
import type { PageLanguage } from './page-language.ts';
import type { SiteContext } from './site-context.ts';
import { heroIds, loadMedia } from './site-media.ts';
import { SIZES, toCard } from './views/cards.ts';
import type { CardView } from './views/view-types.ts';

/** How many stories the listing pages' second column shows. */
export const ASIDE_SIZE = 5;

export interface AsideView {
  cards: CardView[];
}

/**
 * The newest stories for a listing page's second column (there is no first-party measure of what
 * is most read), one per translation group in the page's language, leaving out what the page
 * itself lists. Also returns the articles, for the page's cache tags.
 */
export async function latestAside(
  ctx: SiteContext,
  language: PageLanguage,
  shown: Article[],
): Promise<{ view: AsideView; articles: Article[] }> {
  const { lang, paths } = language;
  const skip = new Set(shown.map((a) => a.id));
  const page = await ctx.services.articles.list(
    { limit: ASIDE_SIZE + skip.size },
    { readerVisible: true, oneOfEachTranslation: lang },
    { count: false },
  );
  const articles = page.items
    .filter((a) => !skip.has(a.id))
    .slice(0, ASIDE_SIZE)
    .map(language.article);
  const media = await loadMedia(ctx.services, heroIds(articles));
  return {
    view: {
      cards: articles.map((a) =>
        toCard(a, media, { lang, timeZone: ctx.timeZone, sizes: SIZES.thumb, paths }),
      ),
    },
    articles,
  };
}
