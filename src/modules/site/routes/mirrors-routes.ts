import type { FastifyInstance } from 'fastify';
import { serveCached } from '../../../web/cache/index.ts';
import { htmlPage, languageFor, renderPage } from '../render-page.ts';
import { siteLanguages } from '../page-language.ts';
import { paths, languagePrefix, pathsIn } from '../urls.ts';
import type { SiteContext } from '../site-context.ts';
import { listingSite } from './route-params.ts';
import { mirrorsPageView } from '../views/mirrors-view.ts';

// The mirror list for readers (/mirrors in every language) and for machines
// (/.well-known/samizdat-mirrors.json, signed: modules/mirrors/README.md). Both change with the
// settings, whose change clears every cached page. The list is signed as of the start of the
// current day (UTC) and cached for that day: a copy is never older than a day when fetched, and
// two exports of a static mirror on the same day write the same bytes.

export function registerMirrorsRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const { mirrors } = ctx.services;
  app.get(paths.mirrorList(), (request, reply) => {
    // Public and signed: any reader's app or mirror, from any origin, may fetch it.
    reply.header('Access-Control-Allow-Origin', '*');
    const day = new Date(new Date().toISOString().slice(0, 10));
    return serveCached(request, reply, ctx.cache, `mirror-list:${day.toISOString()}`, async () => ({
      body: `${JSON.stringify(mirrors.signed(day), null, 2)}\n`,
      contentType: 'application/json; charset=utf-8',
      tags: [],
    }));
  });
  for (const lang of siteLanguages(ctx.defaultLanguage)) {
    const urls = pathsIn(languagePrefix(lang, ctx.defaultLanguage));
    app.get(urls.mirrors(), (request, reply) =>
      serveCached(request, reply, ctx.cache, `page:${urls.mirrors()}`, async () => {
        const language = await languageFor(ctx, lang);
        const view = mirrorsPageView({
          lang,
          site: listingSite(ctx, lang),
          mirrors: mirrors.list(),
          publicKey: mirrors.publicKey,
          paths: language.paths,
        });
        return htmlPage(await renderPage(ctx, 'mirrors', { ...view }, { language }), []);
      }),
    );
  }
}
