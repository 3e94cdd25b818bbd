import type { AppealView } from '../../appeal/index.ts';
// The plain objects templates receive. Everything is ready to print: URLs built, dates
// formatted in the page language and publication time zone, nothing left to look up.

export interface LinkView {
  url: string;
  name: string;
  /** In a list of names, the text before this one in the page language ("", ", ", " and "). */
  separator?: string;
}

export interface TimeView {
  /** Wall time in the publication's time zone with its offset, for `<time datetime>`. */
  iso: string;
  text: string;
}

export interface PictureView {
  /** The largest fallback (JPEG/PNG) variant. */
  src: string;
  width: number;
  height: number;
  alt: string;
  /** Fallback-format srcset for `<img>`; WebP srcset for `<source type="image/webp">`. */
  srcset: string;
  webpSrcset: string;
  sizes: string;
  caption: string;
  credit: string;
  /** The page's main image: loaded at once with high priority rather than lazily. */
  eager: boolean;
}

export interface CardView {
  id: string;
  url: string;
  title: string;
  standfirst: string;
  lang: string;
  /** The article's language differs from the page's: the template marks it with `lang`. */
  foreign: boolean;
  section: LinkView | null;
  authors: LinkView[];
  published: TimeView;
  picture: PictureView | null;
}

export interface AlternateView {
  hreflang: string;
  url: string;
}

export interface FeedLinkView {
  type: string;
  title: string;
  url: string;
}

export interface PageMeta {
  kind:
    'home' | 'article' | 'listing' | 'archive' | 'search' | 'error' | 'support' | 'mirrors' | 'newsletter';
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  description: string;
  /** Absolute. Null for pages that should not be indexed under a canonical address (errors). */
  canonical: string | null;
  robots: string | null;
  og: {
    type: 'website' | 'article';
    title: string;
    description: string;
    url: string | null;
    locale: string;
    image: { url: string; width: number; height: number; alt: string } | null;
    /** article:published_time and friends. */
    extra: Array<{ property: string; content: string }>;
  };
  twitterCard: 'summary' | 'summary_large_image';
  alternates: AlternateView[];
  feeds: FeedLinkView[];
  prev: string | null;
  next: string | null;
  /** Already safe to put inside `<script type="application/ld+json">`. */
  jsonLd: string | null;
}

export interface SiteView {
  name: string;
  description: string;
  homeUrl: string;
  logo: { url: string; width: number; height: number } | null;
  stylesheet: string;
  icon: string;
  sections: Array<LinkView & { current: boolean }>;
  /** The home page of each language the site has pages in, the page's own marked current. */
  languages: Array<LinkView & { lang: string; current: boolean }>;
  searchUrl: string;
  archiveUrl: string;
  /** The support banner and footer link; null when reader revenue does not answer. */
  support: { url: string } | null;
  /**
   * The appeal's form, letter and script whenever support answers; `enabled` says whether the
   * banner, inline block and dialog show (the /support page always does).
   */
  appeal: (AppealView & { script: string; enabled: boolean }) | null;
  feeds: { rss: string; atom: string; json: string };
  /** The signup block (with its preview and privacy links); null when newsletters do not answer. */
  newsletter: {
    action: string;
    previewUrl: string;
    privacyUrl: string;
    pageUrl: string;
    /** The default list's own wording, or null for the catalogue's. */
    pitch: string | null;
    /** The lists to join, the default ticked; shown as checkboxes when there are several. */
    lists: Array<{ id: string; name: string; description: string; checked: boolean }>;
  } | null;
  onion: string | null;
  /** The mirrors page and a few addresses for the footer; null when none is listed. */
  mirrors: { url: string; entries: Array<{ url: string; label: string }> } | null;
  year: number;
}

export interface PaginationView {
  page: number;
  pages: number;
  prev: string | null;
  next: string | null;
  /** Page links with gaps (null) where runs are elided: 1 … 4 5 [6] 7 8 … 20. */
  links: Array<{ page: number; url: string; current: boolean } | null>;
}
