import type { SiteSettings } from '../../settings/index.ts';
import type { Tag } from '../../tags/index.ts';
import { featureRoutes, type AnsweringFeatures } from '../feature-routes.ts';
import { languageName } from '../../../i18n/index.ts';
import { paths, type SitePaths } from '../urls.ts';
import { svgSize, type ThemeAssets } from '../theme/theme-assets.ts';
import type { SiteView } from './view-types.ts';

export interface SiteViewInput {
  settings: SiteSettings;
  /** Navigation sections, in navigation order. */
  sections: Tag[];
  assets: ThemeAssets;
  lang: string;
  /** The section the page belongs to, highlighted in the navigation. */
  currentSection?: string | null;
  onion?: string | undefined;
  /** Features that answer (feature-routes.ts); the others' blocks and links are left out. */
  features: AnsweringFeatures;
  now?: Date;
  /** The page language's addresses; the default language's when omitted. */
  paths?: SitePaths;
  /** Each language with pages of its own and its home page, for the language switch. */
  languages?: Array<{ lang: string; homeUrl: string }>;
  /** The newsletter lists for this page's language (the signup block), when newsletters answer. */
  newsletterLists?: Array<{
    id: string;
    name: string;
    description: string;
    isDefault: boolean;
    wording: string;
  }>;
}

/** The publication as every page's chrome shows it: name, logo, navigation, footer links. */
export function siteView(input: SiteViewInput): SiteView {
  const { settings, assets } = input;
  const urls = input.paths ?? paths;
  const logo = assets.get('logo.svg');
  const size = logo ? svgSize(logo.body.toString('utf8')) : undefined;
  return {
    name: settings.name,
    description: settings.descriptions[input.lang] || settings.description,
    homeUrl: urls.home(),
    logo: logo
      ? { url: assets.urlOf('logo.svg'), width: size?.width ?? 240, height: size?.height ?? 48 }
      : null,
    stylesheet: assets.urlOf('site.css'),
    icon: assets.urlOf('icon.svg'),
    sections: input.sections
      .filter((t) => t.isSection)
      .map((t) => ({ url: urls.tag(t.slug), name: t.name, current: t.slug === input.currentSection })),
    languages: (input.languages ?? []).map((l) => ({
      lang: l.lang,
      url: l.homeUrl,
      name: languageName(l.lang),
      current: l.lang === input.lang,
    })),
    searchUrl: urls.search(),
    archiveUrl: urls.archive(),
    support: input.features.support ? { url: featureRoutes.support.page.url } : null,
    feeds: { rss: urls.feed('rss'), atom: urls.feed('atom'), json: urls.feed('json') },
    newsletter: input.features.newsletter
      ? {
          action: featureRoutes.newsletter.subscribe.url,
          previewUrl: featureRoutes.newsletter.preview.url,
          privacyUrl: featureRoutes.newsletter.privacy.url,
          pageUrl: featureRoutes.newsletter.page.url,
          pitch: input.newsletterLists?.find((l) => l.isDefault)?.wording || null,
          lists: (input.newsletterLists ?? []).map((l) => ({
            id: l.id,
            name: l.name,
            description: l.description,
            checked: l.isDefault,
          })),
        }
      : null,
    onion: input.onion ?? null,
    year: (input.now ?? new Date()).getUTCFullYear(),
  };
}
