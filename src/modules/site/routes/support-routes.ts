import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { translate } from '../../../i18n/index.ts';
import { appealEventSchema, EventThrottle, EVENTS_URL, REMINDER_URL } from '../../appeal/index.ts';
import { serveCached } from '../../../web/cache/index.ts';
import { siteLanguages } from '../page-language.ts';
import { htmlPage, languageAlternates, languageFor, renderPage } from '../render-page.ts';
import { HTML, type SiteContext } from '../site-context.ts';
import { languagePrefix, pathsIn } from '../urls.ts';
import { pageMeta } from '../views/page-meta.ts';

// The reader-revenue pages this module renders: /support (and /ru/support) with the appeal's
// full form, working by plain POST; the browser's anonymous counts; "email me a reminder". The
// form itself posts to the donations module's /support/checkout.

const FORM_LIMIT = 4096;

async function renderSupport(ctx: SiteContext, lang: string, reminded: boolean): Promise<string> {
  const language = await languageFor(ctx, lang);
  const name = ctx.services.settings.get().name;
  const title = translate(lang, 'support.title', { name });
  const page = pageMeta({
    kind: 'support',
    lang,
    siteUrl: ctx.siteUrl,
    siteName: name,
    title,
    description: translate(lang, 'support.text'),
    canonical: language.paths.support(),
    alternates: languageAlternates(ctx, (prefix) => pathsIn(prefix).support()),
    ...(reminded ? { robots: 'noindex' } : {}),
  });
  return renderPage(ctx, 'support', { page, reminded }, { language });
}

/** The page answers only while the support feature does (switched on, checkout routed). */
function assertSupportAnswers(ctx: SiteContext): void {
  if (!ctx.services.appeal || !ctx.features.answering().support) throw new NotFoundError('page', 'support');
}

export function registerSupportRoutes(app: FastifyInstance, ctx: SiteContext): void {
  for (const lang of siteLanguages(ctx.defaultLanguage)) {
    const url = pathsIn(languagePrefix(lang, ctx.defaultLanguage)).support();
    app.get(url, (request, reply) => {
      assertSupportAnswers(ctx);
      return serveCached(request, reply, ctx.cache, `page:${url}`, async () =>
        htmlPage(await renderSupport(ctx, lang, false), []),
      );
    });
  }

  const throttle = new EventThrottle();
  void app.register(async (scope) => {
    // The plain form's encoding, for "Remind me later" without script; small bodies only.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    // sendBeacon posts a string as text/plain; JSON is accepted too. No cookie is read, and the
    // address is used only for the in-memory throttle, never stored.
    scope.post(EVENTS_URL, { bodyLimit: 512 }, async (request, reply: FastifyReply) => {
      const appeal = ctx.services.appeal;
      if (!appeal) throw new NotFoundError('page', 'support');
      reply.header('Cache-Control', 'no-store');
      // Not a page: errors answer in the API's shape, not as an HTML error page.
      const refuse = (status: number, code: string, message: string) =>
        reply.code(status).send({ error: { code, message, details: {} } });
      let body: unknown = request.body;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body);
        } catch {
          return refuse(400, 'invalid_input', 'the body must be JSON: {"variant", "event"}');
        }
      }
      const parsed = appealEventSchema.safeParse(body);
      if (!parsed.success) return refuse(400, 'invalid_input', 'expected {"variant", "event"}');
      if (!throttle.allow(request.ip))
        return refuse(429, 'rate_limited', 'too many appeal events; try later');
      try {
        await appeal.recordEvent(parsed.data.variant, parsed.data.event);
      } catch (err) {
        if (err instanceof ValidationError) return refuse(400, 'invalid_input', err.message);
        throw err;
      }
      return reply.code(204).send();
    });

    scope.post(REMINDER_URL, async (request, reply) => {
      assertSupportAnswers(ctx);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const lang = siteLanguages(ctx.defaultLanguage).includes(String(body.lang))
        ? String(body.lang)
        : ctx.defaultLanguage;
      const back = pathsIn(languagePrefix(lang, ctx.defaultLanguage)).support();
      // Without script, an empty address asks for nothing: back to the page.
      if (typeof body.email !== 'string' || body.email.trim() === '') return reply.redirect(back, 303);
      await ctx.services.appeal!.remindLater({ email: body.email, lang, page: body.page });
      return reply
        .type(HTML)
        .header('Cache-Control', 'no-store')
        .send(await renderSupport(ctx, lang, true));
    });
  });
}
