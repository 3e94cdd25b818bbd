import type { SiteSettings } from '../../settings/index.ts';
import type { Tag } from '../../tags/index.ts';
import { featureRoutes, type AnsweringFeatures } from '../feature-routes.ts';
import { languageName } from '../../../i18n/index.ts';
import { paths, type SitePaths } from '../urls.ts';
import { svgSize, type ThemeAssets } from '../theme/theme-assets.ts';
import type { SiteView } from './view-types.ts';
import type { AppealView } from '../../appeal/index.ts';
import type { MirrorEntry } from '../../mirrors/index.ts';

/** How many addresses the footer shows; the rest are on the mirrors page. */
const FOOTER_MIRRORS = 3;

/** A mirror as the footer names it: its host (and path), or its kind when it has none. */
function mirrorLabel(entry: MirrorEntry): string {
  const url = new URL(entry.url);
  return (url.host + url.pathname).replace(/\/$/, '');
}

export interface SiteViewInput {
  settings: SiteSettings;
  /** Navigation sections, in navigation order. */
  sections: Tag[];
  assets: ThemeAssets;
  lang: string;
  /** The section the page belongs to, highlighted in the navigation. */
  currentSection?: string | null;
  onion?: string | undefined;
  /** The mirror list (modules/mirrors); the footer links a few and the /mirrors page. */
  mirrors?: readonly MirrorEntry[];
  /** Features that answer (feature-routes.ts); the others' blocks and links are left out. */
  features: AnsweringFeatures;
  now?: Date;
  /** The page language's addresses; the default language's when omitted. */
  paths?: SitePaths;
  /** Each language with pages of its own and its home page, for the language switch. */
  languages?: Array<{ lang: string; homeUrl: string }>;
  /** The appeal in the page language, with whether its banner, inline block and dialog show. */
  appeal?: { view: AppealView; enabled: boolean } | null;
  /** The newsletter lists for this page's language (the signup block), when newsletters answer. */
  newsletterLists?: Array<{
    id: string;
    name: string;
    description: string;
    isDefault: boolean;
    wording: string;
    /** The language its name and description are written in. */
    language: string;
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
    support: input.features.support ? { url: urls.support() } : null,
    appeal:
      input.features.support && input.appeal
        ? { ...input.appeal.view, enabled: input.appeal.enabled, script: assets.urlOf('appeal.js') }
        : null,
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
            // Marked when it is not the page's: read aloud in its own language.
            lang: l.language === input.lang ? null : l.language,
          })),
        }
      : null,
    onion: input.onion ?? null,
    mirrors:
      input.mirrors && input.mirrors.length > 0
        ? {
            url: urls.mirrors(),
            entries: input.mirrors
              .filter((m) => m.kind !== 'onion' && m.kind !== 'newsletter')
              .slice(0, FOOTER_MIRRORS)
              .map((m) => ({ url: m.url, label: mirrorLabel(m) })),
          }
        : null,
    year: (input.now ?? new Date()).getUTCFullYear(),
  };
}
