import type { SiteServices } from './site-services.ts';
import type { PageCache } from '../../web/cache/index.ts';
import type { FeatureSwitch } from './feature-routes.ts';
import type { ThemeEngine } from './theme/theme-engine.ts';

/**
 * Ids of articles related to `articleId`, best first, at most `limit`. The relatedness engine
 * plugs in here; ids that are not published are dropped, and empty slots are filled with the
 * latest articles of the same section and language.
 */
export type RelatedArticleIds = (articleId: string, limit: number) => Promise<string[]>;

/** What every page route and view loader needs. */
export interface SiteContext {
  services: SiteServices;
  theme: ThemeEngine;
  cache: PageCache;
  relatedArticleIds: RelatedArticleIds;
  siteUrl: string;
  /** The time zone setting, read at each use (a getter): a change shows on the next render. */
  readonly timeZone: string;
  defaultLanguage: string;
  /** The languages with pages now: the default, then those the `languages` setting lists. */
  languages(): string[];
  /** Which linked features (newsletter, support) answer, so the theme shows only those. */
  features: FeatureSwitch;
}

export const HTML = 'text/html; charset=utf-8';
/** Articles per listing page (home stream, tags, authors, archive months). */
export const PER_PAGE = 12;
