import type { SiteSettings } from '../../settings/index.ts';
import type { Tag } from '../../tags/index.ts';
import { paths } from '../urls.ts';
import { svgSize, type ThemeAssets } from '../theme/theme-assets.ts';
import type { SiteView } from './view-types.ts';

/**
 * Pages that other work builds (reader revenue, newsletters, legal). Linked from the theme now,
 * so the slots work the day those pages land. Candidates for urls.ts once they exist.
 */
export const futurePaths = {
  support: '/support',
  newsletterSubscribe: '/newsletter/subscribe',
  newsletterPreview: '/newsletter/preview',
  privacy: '/privacy',
};

export interface SiteViewInput {
  settings: SiteSettings;
  /** Navigation sections, in navigation order. */
  sections: Tag[];
  assets: ThemeAssets;
  lang: string;
  /** The section the page belongs to, highlighted in the navigation. */
  currentSection?: string | null;
  onion?: string | undefined;
  now?: Date;
}

/** The publication as every page's chrome shows it: name, logo, navigation, footer links. */
export function siteView(input: SiteViewInput): SiteView {
  const { settings, assets } = input;
  const logo = assets.get('logo.svg');
  const size = logo ? svgSize(logo.body.toString('utf8')) : undefined;
  return {
    name: settings.name,
    description: settings.descriptions[input.lang] || settings.description,
    homeUrl: paths.home(),
    logo: logo
      ? { url: assets.urlOf('logo.svg'), width: size?.width ?? 240, height: size?.height ?? 48 }
      : null,
    stylesheet: assets.urlOf('site.css'),
    icon: assets.urlOf('icon.svg'),
    sections: input.sections
      .filter((t) => t.isSection)
      .map((t) => ({ url: paths.tag(t.slug), name: t.name, current: t.slug === input.currentSection })),
    searchUrl: paths.search(),
    archiveUrl: paths.archive(),
    supportUrl: futurePaths.support,
    feeds: { rss: paths.feed('rss'), atom: paths.feed('atom'), json: paths.feed('json') },
    newsletter: {
      action: futurePaths.newsletterSubscribe,
      previewUrl: futurePaths.newsletterPreview,
      privacyUrl: futurePaths.privacy,
    },
    onion: input.onion ?? null,
    year: (input.now ?? new Date()).getUTCFullYear(),
  };
}
