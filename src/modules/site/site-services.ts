import type { Config } from '../../config/config.schema.ts';
import type { Db } from '../../db/connect.ts';
import type { PageCache } from '../../web/cache/index.ts';
import type { ArticleService } from '../articles/index.ts';
import type { MediaLookup } from '../articles/index.ts';
import type { AuthorService } from '../authors/index.ts';
import type { FrontPageStore } from '../frontpage/index.ts';
import type { MediaService } from '../media/index.ts';
import type { SiteSettingsStore } from '../settings/index.ts';
import type { TagService } from '../tags/index.ts';
import type { AppealService } from '../appeal/index.ts';
import type { MirrorService } from '../mirrors/index.ts';
import type { Subscribers } from '../subscribers/index.ts';
import type { RenderedParts } from './rendered-parts/index.ts';

/**
 * What the public site reads, and nothing more: it never writes articles, authors, tags or
 * media, and it sees settings and configuration only through these few fields. The composition
 * root's services object satisfies it as it is.
 */
export interface SiteServices {
  config: Pick<
    Config,
    'SITE_URL' | 'DEFAULT_LANGUAGE' | 'TIMEZONE' | 'THEME_DIR' | 'ONION_ADDRESS' | 'NEWSLETTER_CONFIRM_HOURS'
  >;
  /** Read-only queries of its own (archive months, sitemaps). */
  db: Db;
  articles: Pick<ArticleService, 'list' | 'listIds' | 'inOrder' | 'findBySlug' | 'publishedTranslationsOf'>;
  authors: Pick<AuthorService, 'findBySlug' | 'findBySlugIn' | 'translationsIn'>;
  tags: Pick<TagService, 'findBySlug' | 'findBySlugIn' | 'translationsIn' | 'list'>;
  media: Pick<MediaService, 'get' | 'getMany'>;
  settings: Pick<SiteSettingsStore, 'get'>;
  /** The editors' pins and breaking strip, as readers may see them now. */
  frontPage: Pick<FrontPageStore, 'forReaders'>;
  lookupMedia: MediaLookup;
  pageCache: PageCache;
  relatedArticleIds(articleId: string, limit: number): Promise<string[]>;
  /** The reader-revenue appeal; without it the support pages show no form. */
  appeal?: Pick<AppealService, 'settings' | 'moneyRules' | 'recordEvent' | 'remindLater'>;
  /** The mirror list: the /mirrors page, the footer, the feeds and the signed JSON. */
  mirrors: MirrorService;
  /**
   * Article page parts stored when each article was saved; without it every page renders its
   * body from scratch (the same bytes, more slowly).
   */
  renderedParts?: Pick<RenderedParts, 'read'>;
  /** Newsletter signup, preferences and the privacy policy; without it those pages are not routed. */
  subscribers?: Pick<Subscribers, 'lists' | 'signup' | 'preferences' | 'privacy'>;
}
