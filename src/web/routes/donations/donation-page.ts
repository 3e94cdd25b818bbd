import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { applyPageSecurityHeaders, type ModulePage } from '../../../modules/site/index.ts';
import { UnsupportedMediaError } from '../../../domain/errors.ts';
import { pageView, t, type DonationPageView } from './donation-views.ts';

// What every public donation page shares: the page it is sent as (the site's, or bare without the
// site), the form body, and what each language's routes are registered with.

export type ModulePageRenderer = (page: ModulePage) => Promise<string>;

export type Form = Record<string, string>;

/** An urlencoded body as one string per field (the first, when a field repeats). */
export function parseForm(body: string): Form {
  const out: Form = {};
  for (const [key, value] of new URLSearchParams(body)) if (!(key in out)) out[key] = value;
  return out;
}

/** The body of a form POST, refused unless it was sent urlencoded. */
export function formOf(request: FastifyRequest): Form {
  const body = request.body;
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')) {
    throw new UnsupportedMediaError('send the form as application/x-www-form-urlencoded');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new UnsupportedMediaError('send the form as application/x-www-form-urlencoded');
  }
  return body as Form;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Without the site (tests of the API alone): the same content, bare. */
function barePage(lang: string, v: DonationPageView): string {
  return `<!doctype html><html lang="${escape(lang)}"><head><meta charset="utf-8"><title>${escape(v.title)}</title>${v.redirect ? `<meta http-equiv="refresh" content="0; url=${escape(v.redirect)}">` : ''}</head><body><main><h1>${escape(v.title)}</h1>${v.supporter ? `<p data-samizdat-supporter>${escape(v.supporter)}</p>` : ''}${v.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</main></body></html>`;
}

export type SendPage = (
  reply: FastifyReply,
  status: number,
  lang: string,
  view: DonationPageView,
) => Promise<FastifyReply>;

/** Sends a donation page: never cached, never indexed, under the site's page security headers. */
export function pageSender(siteUrl: string, render?: ModulePageRenderer): SendPage {
  return async (reply, status, lang, view) => {
    const html = render
      ? await render({ lang, template: 'donation', title: view.title, scope: { donation: view } })
      : barePage(lang, view);
    applyPageSecurityHeaders(reply, siteUrl);
    return reply
      .status(status)
      .header('Cache-Control', 'no-store')
      .header('X-Robots-Tag', 'noindex, nofollow')
      .type('text/html; charset=utf-8')
      .send(html);
  };
}

/** What one language's donation routes are registered with. */
export interface DonationRoutes {
  /** The form-parsing scope the routes are added to. */
  forms: FastifyInstance;
  services: Services;
  lang: string;
  /** The path in this language (`/support` or `/<lang>/support`). */
  at: (path: string) => string;
  sendPage: SendPage;
  /** A rate limit was hit (checkout, donor link, reminder): the same 429 page everywhere. */
  sendTooMany: (reply: FastifyReply) => Promise<FastifyReply>;
}

export const tooManyPage = (lang: string) =>
  pageView({ title: t(lang, 'donate.too_many_title'), paragraphs: [t(lang, 'donate.too_many_text')] });
