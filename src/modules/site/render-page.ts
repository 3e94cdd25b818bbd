import type { Article } from '../articles/index.ts';
import { appealView, type AppealView } from '../appeal/index.ts';
import { cacheTags, type CacheInput, type PageCache } from '../../web/cache/index.ts';
import { loadPageLanguage, type PageLanguage } from './page-language.ts';
import { HTML, type SiteContext } from './site-context.ts';
import { languagePrefix, pathsIn } from './urls.ts';
import { siteView } from './views/site-view.ts';
import { UntilChange } from './until-change.ts';
import type { AlternateView, PageMeta } from './views/view-types.ts';

/**
 * The page language for `lang`: its own pages when the site has them (/ru/...), else the default
 * language's addresses and names (an article in a language without an interface of its own).
 */
export function languageFor(ctx: SiteContext, lang: string): Promise<PageLanguage> {
  const languages = ctx.languages();
  const pagesIn = languages.includes(lang) ? lang : ctx.defaultLanguage;
  return keptFor(ctx)
    .get(`language:${pagesIn}`, () => loadPageLanguage(ctx.services, pagesIn, ctx.defaultLanguage))
    .then((pl) => ({ ...pl, lang }));
}

/** Site-wide reads kept until the next change, per page cache (a mirror export has its own). */
const kept = new WeakMap<PageCache, UntilChange>();
function keptFor(ctx: SiteContext): UntilChange {
  let until = kept.get(ctx.cache);
  if (!until) {
    const cache = ctx.cache;
    until = new UntilChange(() => cache.changes);
    kept.set(cache, until);
  }
  return until;
}

/** The same page in every language the site has pages in, and x-default (the default's). */
export function languageAlternates(ctx: SiteContext, pathIn: (prefix: string) => string): AlternateView[] {
  const languages = ctx.languages();
  if (languages.length < 2) return [];
  const urlOf = (lang: string) => pathIn(languagePrefix(lang, ctx.defaultLanguage));
  return [
    ...languages.map((lang) => ({ hreflang: lang, url: urlOf(lang) })),
    { hreflang: 'x-default', url: urlOf(ctx.defaultLanguage) },
  ];
}

/** Renders a page template with the site chrome (name, logo, navigation) in the page's language. */
export async function renderPage(
  ctx: SiteContext,
  template: string,
  scope: { page: PageMeta } & Record<string, unknown>,
  options: { currentSection?: string | null; language?: PageLanguage } = {},
): Promise<string> {
  const lang = scope.page.lang;
  const language = options.language ?? (await languageFor(ctx, lang));
  const features = ctx.features.answering();
  const subscribers = ctx.services.subscribers;
  const newsletterLists =
    features.newsletter && subscribers
      ? (await keptFor(ctx).get('newsletter-lists', () => subscribers.lists()))
          .filter((l) => l.language === null || l.language === lang)
          .map((l) => ({
            id: l.id,
            name: l.name,
            description: l.description,
            isDefault: l.isDefault,
            wording: l.signupWording,
            // A list for every language is named in the site's default one.
            language: l.language ?? ctx.defaultLanguage,
          }))
      : undefined;
  const site = siteView({
    settings: ctx.services.settings.get(),
    sections: (await keptFor(ctx).get('sections', () => ctx.services.tags.list({ sectionsOnly: true }))).map(
      language.tag,
    ),
    assets: ctx.theme.assets,
    lang,
    currentSection: options.currentSection ?? null,
    onion: ctx.services.config.ONION_ADDRESS,
    mirrors: ctx.services.mirrors.list(),
    features,
    ...(newsletterLists ? { newsletterLists } : {}),
    paths: language.paths,
    appeal: appealFor(ctx, lang),
    languages: ctx.languages().map((l) => ({
      lang: l,
      homeUrl: pathsIn(languagePrefix(l, ctx.defaultLanguage)).home(),
    })),
  });
  return ctx.theme.render(template, { ...scope, lang }, { site, lang });
}

/**
 * The appeal views built for the current settings, per language. Building one formats every
 * suggested amount with Intl (a new NumberFormat each), which was 10-15% of an uncached page
 * render; the inputs are replaced, never mutated, when they change, so their identity says when
 * to build again. At most one entry per language the site renders pages in.
 */
interface AppealMemo {
  settings: unknown;
  money: unknown;
  site: unknown;
  byLang: Map<string, AppealView>;
}
const appealMemos = new WeakMap<SiteContext, AppealMemo>();
const MAX_APPEAL_LANGUAGES = 32;

/** The appeal in `lang`, when the site has one. */
export function appealFor(ctx: SiteContext, lang: string): { view: AppealView; enabled: boolean } | null {
  const appeal = ctx.services.appeal;
  if (!appeal) return null;
  const settings = appeal.settings();
  const money = appeal.moneyRules();
  const site = ctx.services.settings.get();
  let memo = appealMemos.get(ctx);
  if (!memo || memo.settings !== settings || memo.money !== money || memo.site !== site) {
    memo = { settings, money, site, byLang: new Map() };
    appealMemos.set(ctx, memo);
  }
  let view = memo.byLang.get(lang);
  if (!view) {
    view = appealView({ settings, money, lang, siteName: site.name });
    if (memo.byLang.size >= MAX_APPEAL_LANGUAGES) memo.byLang.clear();
    memo.byLang.set(lang, view);
  }
  return { view, enabled: settings.enabled };
}

/** A rendered page as the page cache takes it; `tags` say what it shows (cache-tags.ts). */
export function htmlPage(html: string, tags: Iterable<string>): CacheInput {
  return { body: html, contentType: HTML, tags };
}

/** A listing's cache tags: any listing change, and each article it shows. */
export function listingTags(...groups: Article[][]): string[] {
  return [cacheTags.listings, ...groups.flat().map((a) => cacheTags.article(a.id))];
}
