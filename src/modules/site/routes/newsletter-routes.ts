import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate, translate, type MessageKey } from '../../../i18n/index.ts';
import { subscriberPaths } from '../../subscribers/index.ts';
import { HTML, type SiteContext } from '../site-context.ts';
import { languageFor, renderPage } from '../render-page.ts';
import { pageMeta } from '../views/page-meta.ts';
import { siteLanguages } from '../page-language.ts';

// The newsletter's public pages (issue 11): the signup page and its form POST, the confirmation,
// preferences and unsubscribe pages reached from signed links, and the privacy policy. Every
// answer is a page (no JavaScript needed); none is cached, and none says whether an address is
// known. The operations are the subscribers module's; these routes only parse and render.

type Form = Record<string, string | string[]>;
const NO_STORE = 'no-store';
const FORM_LIMIT = 16 * 1024;

function field(form: unknown, name: string): string {
  const value = (form as Form | undefined)?.[name];
  return (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
}
function fields(form: unknown, name: string): string[] {
  const value = (form as Form | undefined)?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).slice(0, 50);
}

/** Page text for the page's language; `paragraphs` are plain text (escaped by the theme). */
interface PageView {
  kind: 'message' | 'signup' | 'button' | 'preferences';
  title: string;
  paragraphs: string[];
  meta?: string;
  link?: { url: string; text: string };
  [extra: string]: unknown;
}

export function registerNewsletterRoutes(parent: FastifyInstance, ctx: SiteContext): void {
  if (!ctx.services.subscribers) return;
  // A scope of its own: its form parser must not clash with other forms' parsers on the site.
  void parent.register(async (app) => registerIn(app, ctx));
}

function registerIn(app: FastifyInstance, ctx: SiteContext): void {
  const subscribers = ctx.services.subscribers!;
  const hours = ctx.services.config.NEWSLETTER_CONFIRM_HOURS;

  // Forms post url-encoded. RFC 8058 one-click may come as multipart/form-data: the server has a
  // parser for it already (uploads), and its content says nothing the unsubscribe needs.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_LIMIT },
    (_request, body, done) => {
      const form: Form = {};
      for (const [key, value] of new URLSearchParams(String(body))) {
        const had = form[key];
        form[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
      }
      done(null, form);
    },
  );

  const langOf = (request: FastifyRequest, fallback?: string) => {
    const wanted = fallback ?? field(request.query, 'lang');
    return ctx.languages().includes(wanted) ? wanted : ctx.defaultLanguage;
  };

  async function send(reply: FastifyReply, lang: string, status: number, view: PageView, robots = 'noindex') {
    const language = await languageFor(ctx, lang);
    const settings = ctx.services.settings.get();
    const page = pageMeta({
      kind: 'newsletter',
      lang,
      siteUrl: ctx.siteUrl,
      siteName: settings.name,
      title: view.title,
      description: view.paragraphs[0] ?? view.title,
      canonical: null,
      robots,
    });
    const html = await renderPage(ctx, 'newsletter', { page, view }, { language });
    return reply.status(status).type(HTML).header('Cache-Control', NO_STORE).send(html);
  }
  const t = (lang: string, key: MessageKey, vars?: Record<string, string | number>) =>
    translate(lang, key, vars);

  const invalidLink = (reply: FastifyReply, lang: string) =>
    send(reply, lang, 404, {
      kind: 'message',
      title: t(lang, 'newsletter.link_invalid_title'),
      paragraphs: [t(lang, 'newsletter.link_invalid_text')],
      link: { url: subscriberPaths.newsletter(), text: t(lang, 'newsletter.page_title') },
    });

  const signupPage = (lang: string, extra: { problem?: string; email?: string } = {}): PageView => ({
    kind: 'signup',
    title: t(lang, 'newsletter.page_title'),
    paragraphs: [t(lang, 'newsletter.page_intro')],
    source: subscriberPaths.newsletter(),
    ...extra,
  });

  // The page with the form and the lists, in each language with pages of its own.
  for (const lang of siteLanguages(ctx.defaultLanguage)) {
    const prefix = lang === ctx.defaultLanguage ? '' : `/${lang}`;
    app.get(`${prefix}${subscriberPaths.newsletter()}`, async (_request, reply) =>
      send(reply, lang, 200, signupPage(lang), 'index, follow'),
    );
  }

  app.post(subscriberPaths.subscribe(), async (request, reply) => {
    const form = request.body;
    const lang = langOf(request, field(form, 'language'));
    const outcome = await subscribers.signup.signup({
      email: field(form, 'email'),
      name: field(form, 'name') || undefined,
      lists: fields(form, 'list'),
      source: field(form, 'source') || '/',
      language: lang,
      honeypot: field(form, 'website'),
      clientAddress: request.ip,
    });
    switch (outcome.kind) {
      case 'accepted':
        return send(reply, lang, 200, {
          kind: 'message',
          title: t(lang, 'newsletter.sent_title'),
          paragraphs: [t(lang, 'newsletter.sent_text', { hours })],
        });
      case 'invalid-address':
        return send(
          reply,
          lang,
          400,
          signupPage(lang, {
            problem: t(lang, 'newsletter.invalid_text'),
            email: field(form, 'email').slice(0, 254),
          }),
        );
      case 'no-list':
        return send(
          reply,
          lang,
          400,
          signupPage(lang, {
            problem: t(lang, 'newsletter.no_list'),
            email: field(form, 'email').slice(0, 254),
          }),
        );
      case 'rate-limited':
        reply.header('Retry-After', String(outcome.retryAfterSeconds));
        return send(reply, lang, 429, {
          kind: 'message',
          title: t(lang, 'newsletter.limited_title'),
          paragraphs: [t(lang, 'newsletter.limited_text')],
        });
    }
  });

  // Mail scanners open links: the GET shows a button, only the POST confirms.
  app.get('/newsletter/confirm/:token', async (request, reply) => {
    const lang = langOf(request);
    const { token } = request.params as { token: string };
    return send(reply, lang, 200, {
      kind: 'button',
      title: t(lang, 'newsletter.confirm_title'),
      paragraphs: [t(lang, 'newsletter.confirm_text')],
      action: subscriberPaths.confirm(token),
      button: t(lang, 'newsletter.confirm_button'),
    });
  });
  app.post('/newsletter/confirm/:token', async (request, reply) => {
    const lang = langOf(request);
    const { token } = request.params as { token: string };
    const outcome = await subscribers.signup.confirm(token);
    if (outcome.kind === 'invalid') return invalidLink(reply, lang);
    return send(reply, lang, 200, {
      kind: 'message',
      title: t(lang, 'newsletter.confirmed_title'),
      paragraphs: [t(lang, 'newsletter.confirmed_text')],
      link: {
        url: subscriberPaths.preferences(outcome.preferencesToken),
        text: t(lang, 'newsletter.manage_link'),
      },
    });
  });

  async function preferencesPage(reply: FastifyReply, lang: string, token: string, saved: boolean) {
    const view = await subscribers!.preferences.view(token);
    if (!view) return invalidLink(reply, lang);
    return send(reply, lang, 200, {
      kind: 'preferences',
      title: t(lang, 'newsletter.prefs_title'),
      paragraphs: [t(lang, 'newsletter.prefs_for', { email: view.email })],
      action: subscriberPaths.preferences(token),
      dataUrl: `${subscriberPaths.preferences(token)}/data.json`,
      eraseAction: `${subscriberPaths.preferences(token)}/erase`,
      lists: view.lists.filter((l) => l.language === null || l.language === lang || l.subscribed),
      paused: view.paused,
      saved,
    });
  }
  app.get('/newsletter/preferences/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    return preferencesPage(reply, langOf(request), token, false);
  });
  app.post('/newsletter/preferences/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const lang = langOf(request);
    const ok = await subscribers.preferences.update(token, {
      lists: fields(request.body, 'list'),
      paused: field(request.body, 'paused') === '1',
    });
    if (!ok) return invalidLink(reply, lang);
    return preferencesPage(reply, lang, token, true);
  });
  app.get('/newsletter/preferences/:token/data.json', async (request, reply) => {
    const { token } = request.params as { token: string };
    const data = await subscribers.preferences.exportData(token);
    if (!data) return invalidLink(reply, langOf(request));
    return reply
      .header('Cache-Control', NO_STORE)
      .header('Content-Disposition', 'attachment; filename="newsletter-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });
  app.post('/newsletter/preferences/:token/erase', async (request, reply) => {
    const { token } = request.params as { token: string };
    const lang = langOf(request);
    if (field(request.body, 'confirm') !== '1') return preferencesPage(reply, lang, token, false);
    if (!(await subscribers.preferences.erase(token))) return invalidLink(reply, lang);
    return send(reply, lang, 200, {
      kind: 'message',
      title: t(lang, 'newsletter.erased_title'),
      paragraphs: [t(lang, 'newsletter.erased_text')],
    });
  });

  app.get('/newsletter/unsubscribe/:token', async (request, reply) => {
    const lang = langOf(request);
    const { token } = request.params as { token: string };
    const list = await subscribers.preferences.unsubscribeTarget(token);
    if (!list) return invalidLink(reply, lang);
    return send(reply, lang, 200, {
      kind: 'button',
      title: t(lang, 'newsletter.unsubscribe_title'),
      paragraphs: [t(lang, 'newsletter.unsubscribe_text', { list: list.name })],
      action: subscriberPaths.unsubscribe(token),
      button: t(lang, 'newsletter.unsubscribe_button'),
    });
  });
  // The page's button and RFC 8058 one-click (body "List-Unsubscribe=One-Click"): no cookie, no
  // token beyond the link's own, no confirmation step.
  app.post('/newsletter/unsubscribe/:token', async (request, reply) => {
    const lang = langOf(request);
    const { token } = request.params as { token: string };
    let viaPage = field(request.body, 'via') === 'page';
    if (request.isMultipart()) {
      // Read to the end (the connection is then free); only a field from our own page matters.
      for await (const part of request.parts()) {
        if (part.type === 'file') await part.toBuffer().catch(() => undefined);
        else if (part.fieldname === 'via' && part.value === 'page') viaPage = true;
      }
    }
    const preferencesToken = await subscribers.preferences.unsubscribe(token, viaPage ? 'page' : 'one-click');
    if (!preferencesToken) return invalidLink(reply, lang);
    return send(reply, lang, 200, {
      kind: 'message',
      title: t(lang, 'newsletter.unsubscribed_title'),
      paragraphs: [t(lang, 'newsletter.unsubscribed_text')],
      link: { url: subscriberPaths.preferences(preferencesToken), text: t(lang, 'newsletter.manage_link') },
    });
  });

  // The Preview link: the web archive's latest issue (the newsletters module's pages) once it
  // answers, else a page saying there is none yet.
  app.get(subscriberPaths.preview(), async (request, reply) => {
    for (const url of ['/newsletter/archive/latest', '/newsletter/archive/']) {
      if (app.hasRoute({ method: 'GET', url }))
        return reply.header('Cache-Control', NO_STORE).redirect(url, 303);
    }
    const lang = langOf(request);
    return send(reply, lang, 200, {
      kind: 'message',
      title: t(lang, 'newsletter.no_issue_title'),
      paragraphs: [t(lang, 'newsletter.no_issue_text')],
      link: { url: subscriberPaths.newsletter(), text: t(lang, 'newsletter.page_title') },
    });
  });

  app.get(subscriberPaths.privacy(), async (request, reply) => {
    const lang = langOf(request);
    const policy = await subscribers.privacy.get();
    const version = t(lang, 'privacy.version', { version: policy.version });
    return send(
      reply,
      lang,
      200,
      {
        kind: 'message',
        title: t(lang, 'privacy.title'),
        paragraphs: policy.text
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean),
        meta: policy.updatedAt ? `${version}, ${formatDate(policy.updatedAt, lang, ctx.timeZone)}` : version,
      },
      'index, follow',
    );
  });
}
