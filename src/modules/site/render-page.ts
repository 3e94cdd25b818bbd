import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Article } from '../articles/article.types.ts';
import { deps, sendCached } from './page-cache.ts';
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
  });
  return ctx.theme.render(template, { ...scope, lang }, { site, lang });
}

export interface RenderedPage {
  html: string;
  /** What the page shows; see page-cache.ts `deps`. */
  deps: Iterable<string>;
}

/** A listing's dependencies: any listing change, and each article it shows. */
export function listingDeps(...groups: Article[][]): string[] {
  return [deps.listings, ...groups.flat().map((a) => deps.article(a.id))];
}

/**
 * Serves a page from the cache, rendering it on a miss. `key` must name everything that makes
 * the page differ (path, page number), and nothing else: unknown query parameters are ignored.
 */
export async function serveCachedPage(
  ctx: SiteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  produce: () => Promise<RenderedPage>,
): Promise<FastifyReply> {
  const entry = await ctx.cache.getOrRender(key, async () => {
    const page = await produce();
    return { body: page.html, contentType: HTML, deps: page.deps };
  });
  return sendCached(request, reply, entry);
}
