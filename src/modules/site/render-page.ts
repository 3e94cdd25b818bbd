import type { Article } from '../articles/index.ts';
import { cacheTags, type CacheInput } from '../../web/cache/index.ts';
import { HTML, type SiteContext } from './site-context.ts';
import { siteView } from './views/site-view.ts';
import type { PageMeta } from './views/view-types.ts';

/** Renders a page template with the site chrome (name, logo, navigation) in the page's language. */
export async function renderPage(
  ctx: SiteContext,
  template: string,
  scope: { page: PageMeta } & Record<string, unknown>,
  options: { currentSection?: string | null } = {},
): Promise<string> {
  const lang = scope.page.lang;
  const site = siteView({
    settings: ctx.services.settings.get(),
    sections: await ctx.services.tags.list({ sectionsOnly: true }),
    assets: ctx.theme.assets,
    lang,
    currentSection: options.currentSection ?? null,
    onion: ctx.services.config.ONION_ADDRESS,
    features: ctx.features.answering(),
  });
  return ctx.theme.render(template, { ...scope, lang }, { site, lang });
}

/** A rendered page as the page cache takes it; `tags` say what it shows (cache-tags.ts). */
export function htmlPage(html: string, tags: Iterable<string>): CacheInput {
  return { body: html, contentType: HTML, tags };
}

/** A listing's cache tags: any listing change, and each article it shows. */
export function listingTags(...groups: Article[][]): string[] {
  return [cacheTags.listings, ...groups.flat().map((a) => cacheTags.article(a.id))];
}
