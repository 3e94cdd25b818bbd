import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { interfaceLanguages } from '../../../i18n/index.ts';
import {
  exponentOf,
  formatMoney,
  GiftRejectedError,
  NO_SCRIPT_WAIT_S,
  ProofOfWorkRequiredError,
  RailDownError,
  supportPaths,
} from '../../../modules/donations/index.ts';
import { applyPageSecurityHeaders, type ModulePage } from '../../../modules/site/index.ts';
import {
  majorString,
  RailUnavailableError,
  WebhookRejected,
  type RailId,
} from '../../../adapters/payments/index.ts';
import {
  DomainError,
  RateLimitedError,
  UnsupportedMediaError,
  ValidationError,
} from '../../../domain/errors.ts';
import { otherRailsForm, pageView, problemText, t, type DonationPageView } from './donation-views.ts';

export type ModulePageRenderer = (page: ModulePage) => Promise<string>;

const FORM_LIMIT = 16 * 1024;
const WEBHOOK_LIMIT = 1024 * 1024;

type Form = Record<string, string>;

/** The changes the donor page confirms after its redirect (`?done=`). */
const DONE = ['changed', 'paused', 'resumed', 'cancelled'];

/** An urlencoded body as one string per field (the first, when a field repeats). */
function parseForm(body: string): Form {
  const out: Form = {};
  for (const [key, value] of new URLSearchParams(body)) if (!(key in out)) out[key] = value;
  return out;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Without the site (tests of the API alone): the same content, bare. */
function barePage(lang: string, v: DonationPageView): string {
  return `<!doctype html><html lang="${escape(lang)}"><head><meta charset="utf-8"><title>${escape(v.title)}</title>${v.redirect ? `<meta http-equiv="refresh" content="0; url=${escape(v.redirect)}">` : ''}</head><body><main><h1>${escape(v.title)}</h1>${v.supporter ? `<p data-samizdat-supporter>${escape(v.supporter)}</p>` : ''}${v.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</main></body></html>`;
}

/**
 * Reader revenue's public routes: the checkout the appeal's form posts to, the TEST rail's
 * checkout page, thank-you, bank transfer and donor pages, and the providers' webhooks.
 */
export function registerDonationRoutes(
  app: FastifyInstance,
  services: Services,
  render?: ModulePageRenderer,
): void {
  const { donations, config } = services;
  const siteUrl = config.SITE_URL.replace(/\/+$/, '');
  const defaultLang = config.DEFAULT_LANGUAGE;

  async function sendPage(reply: FastifyReply, status: number, lang: string, view: DonationPageView) {
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
  }

  /** A rate limit was hit (checkout, donor link, reminder): the same 429 page everywhere. */
  const sendTooMany = (reply: FastifyReply, lang: string) =>
    sendPage(
      reply,
      429,
      lang,
      pageView({ title: t(lang, 'donate.too_many_title'), paragraphs: [t(lang, 'donate.too_many_text')] }),
    );

  // Forms and webhooks each get the body parser they need, here only.
  app.register(async (forms) => {
    forms.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT },
      (_request, body, done) => done(null, parseForm(String(body))),
    );

    const prefixes = [
      { prefix: '', lang: defaultLang },
      ...interfaceLanguages.filter((l) => l !== defaultLang).map((lang) => ({ prefix: `/${lang}`, lang })),
    ];
    for (const { prefix, lang } of prefixes) {
      const at = (path: string) => `${prefix}${path}`;
      const formOf = (request: FastifyRequest): Form => {
        const body = request.body;
        if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')) {
          throw new UnsupportedMediaError('send the form as application/x-www-form-urlencoded');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          throw new UnsupportedMediaError('send the form as application/x-www-form-urlencoded');
        }
        return body as Form;
      };

      forms.post(at('/support/checkout'), async (request, reply) => {
        const form = formOf(request);
        try {
          const { url } = await donations.startCheckout(form, { address: request.ip });
          if (url.startsWith('/') && !url.startsWith('//')) {
            return reply.status(303).header('Cache-Control', 'no-store').redirect(url, 303);
          }
          // The provider's own checkout is another origin. A 303 from this form's POST would be
          // checked against the page's CSP form-action 'self' and refused by Chromium, so the
          // browser goes on from a page of ours instead (a meta refresh, and a link without it).
          return sendPage(
            reply,
            200,
            lang,
            pageView({
              title: t(lang, 'donate.leaving_title'),
              paragraphs: [t(lang, 'donate.leaving_text')],
              links: [{ url, label: t(lang, 'donate.leaving_link') }],
              redirect: url,
            }),
          );
        } catch (err) {
          if (err instanceof GiftRejectedError) {
            const currency = (form.currency ?? '').toUpperCase();
            return sendPage(
              reply,
              400,
              lang,
              pageView({
                title: t(lang, 'donate.refused_title'),
                paragraphs: [
                  problemText(lang, err.problem, err.limits, currency),
                  t(lang, 'donate.nothing_charged'),
                ],
                links: [{ url: at(supportPaths.support), label: t(lang, 'donate.back') }],
              }),
            );
          }
          if (err instanceof ProofOfWorkRequiredError) {
            // The same form again with the challenge: the appeal script answers it and submits;
            // without JavaScript the reader waits and presses Continue.
            const carried = [
              'frequency',
              'currency',
              'amount',
              'custom_amount',
              'rail',
              'variant',
              'source',
              'email',
            ];
            return sendPage(
              reply,
              err.refused ? 400 : 200,
              lang,
              pageView({
                title: t(lang, 'donate.pow_title'),
                paragraphs: [
                  ...(err.refused ? [t(lang, 'donate.pow_refused')] : []),
                  t(lang, 'donate.pow_text', { seconds: NO_SCRIPT_WAIT_S }),
                ],
                forms: [
                  {
                    action: at('/support/checkout'),
                    hidden: [
                      ...carried
                        .filter((name) => typeof form[name] === 'string')
                        .map((name) => ({ name, value: form[name]! })),
                      { name: 'pow_token', value: err.challenge },
                      { name: 'pow_solution', value: '' },
                    ],
                    fields: [],
                    buttons: [{ name: 'continue', value: '1', label: t(lang, 'donate.pow_continue') }],
                    pow: { token: err.challenge, bits: err.bits },
                  },
                ],
              }),
            );
          }
          if (err instanceof RailDownError) {
            return sendPage(
              reply,
              503,
              lang,
              pageView({
                title: t(lang, 'donate.rail_down_title'),
                paragraphs: [t(lang, 'donate.rail_down_text'), t(lang, 'donate.nothing_charged')],
                forms: err.others.length
                  ? [otherRailsForm(lang, at('/support/checkout'), form, err.others)]
                  : [],
                links: [{ url: at(supportPaths.support), label: t(lang, 'donate.back') }],
              }),
            );
          }
          if (err instanceof RateLimitedError) {
            reply.header('Retry-After', String(err.retryAfterSeconds));
            return sendTooMany(reply, lang);
          }
          throw err;
        }
      });

      forms.get(at('/support/test-checkout/:ref'), async (request, reply) => {
        const { ref } = request.params as { ref: string };
        const d = await donations.pendingCheckout('test', ref);
        if (!d || d.status !== 'pending') {
          return sendPage(
            reply,
            404,
            lang,
            pageView({
              title: t(lang, 'donate.checkout_gone_title'),
              paragraphs: [t(lang, 'donate.checkout_gone_text')],
              test: true,
            }),
          );
        }
        return sendPage(
          reply,
          200,
          lang,
          pageView({
            title: t(lang, 'donate.test_checkout_title'),
            test: true,
            paragraphs: [t(lang, 'donate.test_checkout_text')],
            facts: [
              { label: t(lang, 'donate.amount'), value: formatMoney(d.amount_minor, d.currency, lang) },
              { label: t(lang, 'donate.frequency'), value: t(lang, `donate.frequency.${d.frequency}`) },
            ],
            forms: [
              {
                action: at(supportPaths.testCheckout(ref)),
                hidden: [],
                fields: [
                  {
                    id: 'donor-email',
                    name: 'email',
                    label: t(lang, 'donate.email'),
                    type: 'email',
                    required: true,
                    autocomplete: 'email',
                  },
                  {
                    id: 'donor-name',
                    name: 'name',
                    label: t(lang, 'donate.name_optional'),
                    type: 'text',
                    autocomplete: 'name',
                  },
                ],
                buttons: [
                  { name: 'outcome', value: 'succeed', label: t(lang, 'donate.test_succeed') },
                  { name: 'outcome', value: 'fail', label: t(lang, 'donate.test_fail'), novalidate: true },
                  {
                    name: 'outcome',
                    value: 'cancel',
                    label: t(lang, 'donate.test_cancel'),
                    novalidate: true,
                  },
                ],
              },
            ],
          }),
        );
      });

      forms.post(at('/support/test-checkout/:ref'), async (request, reply) => {
        const { ref } = request.params as { ref: string };
        const form = formOf(request);
        try {
          const result = await donations.completeTestCheckout(
            ref,
            {
              outcome: form.outcome ?? '',
              ...(form.email ? { email: form.email } : {}),
              ...(form.name ? { name: form.name } : {}),
            },
            { address: request.ip },
            lang,
          );
          if (result.outcome === 'succeed')
            return reply.redirect(`${at(supportPaths.thankYou)}?gift=${result.donationId}`, 303);
          if (result.outcome === 'cancel') return reply.redirect(at(supportPaths.support), 303);
          return sendPage(
            reply,
            200,
            lang,
            pageView({
              title: t(lang, 'donate.failed_title'),
              test: true,
              paragraphs: [t(lang, 'donate.failed_text')],
              links: [{ url: at(supportPaths.support), label: t(lang, 'donate.back') }],
            }),
          );
        } catch (err) {
          if (err instanceof ValidationError || (err instanceof DomainError && err.code === 'not_found')) {
            return sendPage(
              reply,
              err.code === 'not_found' ? 404 : 400,
              lang,
              pageView({
                title: t(lang, 'donate.refused_title'),
                test: true,
                paragraphs: [
                  t(lang, err.code === 'not_found' ? 'donate.checkout_gone_text' : 'donate.email_needed'),
                ],
                links: [{ url: at(supportPaths.testCheckout(ref)), label: t(lang, 'donate.back') }],
              }),
            );
          }
          if (err instanceof RateLimitedError) {
            return sendTooMany(reply, lang);
          }
          throw err;
        }
      });

      forms.get(at(supportPaths.thankYou), async (request, reply) => {
        const gift = await donations.donationForThanks((request.query as Record<string, unknown>).gift);
        return sendPage(
          reply,
          200,
          lang,
          pageView({
            title: t(lang, 'donate.thanks_title', { name: services.publicationName() }),
            test: gift?.test === 1,
            supporter: t(lang, 'donate.thanks_supporter'),
            paragraphs: [
              t(lang, gift?.status === 'completed' ? 'donate.thanks_received' : 'donate.thanks_pending'),
            ],
            links: [{ url: at('/support/donor'), label: t(lang, 'donate.manage_link') }],
          }),
        );
      });

      forms.get(at('/support/bank/:ref'), async (request, reply) => {
        const { ref } = request.params as { ref: string };
        const d = await donations.pendingCheckout('bank', ref);
        if (!d)
          return sendPage(
            reply,
            404,
            lang,
            pageView({
              title: t(lang, 'donate.checkout_gone_title'),
              paragraphs: [t(lang, 'donate.checkout_gone_text')],
            }),
          );
        return sendPage(
          reply,
          200,
          lang,
          pageView({
            title: t(lang, 'donate.bank_title'),
            paragraphs: [t(lang, 'donate.bank_text')],
            facts: [
              { label: t(lang, 'donate.amount'), value: formatMoney(d.amount_minor, d.currency, lang) },
              ...config.BANK_TRANSFER_DETAILS.split('|').map((line) => {
                const [label, ...rest] = line.split(':');
                return rest.length
                  ? { label: label!.trim(), value: rest.join(':').trim() }
                  : { label: t(lang, 'donate.bank_account'), value: line.trim() };
              }),
              { label: t(lang, 'donate.reference'), value: ref },
            ],
          }),
        );
      });

      forms.get(at('/support/donor'), async (_request, reply) =>
        sendPage(
          reply,
          200,
          lang,
          pageView({
            title: t(lang, 'donate.donor_request_title'),
            paragraphs: [t(lang, 'donate.donor_request_text')],
            forms: [
              {
                action: at('/support/donor'),
                hidden: [],
                fields: [
                  {
                    id: 'donor-email',
                    name: 'email',
                    label: t(lang, 'donate.email'),
                    type: 'email',
                    required: true,
                    autocomplete: 'email',
                  },
                ],
                buttons: [{ name: 'send', value: '1', label: t(lang, 'donate.donor_request_send') }],
              },
            ],
          }),
        ),
      );

      forms.post(at('/support/donor'), async (request, reply) => {
        const form = formOf(request);
        try {
          await donations.requestDonorLink(form.email ?? '', { address: request.ip }, lang);
        } catch (err) {
          if (err instanceof ValidationError) {
            return sendPage(
              reply,
              400,
              lang,
              pageView({
                title: t(lang, 'donate.refused_title'),
                paragraphs: [t(lang, 'donate.email_needed')],
                links: [{ url: at('/support/donor'), label: t(lang, 'donate.back') }],
              }),
            );
          }
          if (err instanceof RateLimitedError) {
            return sendTooMany(reply, lang);
          }
          throw err;
        }
        return sendPage(
          reply,
          200,
          lang,
          pageView({
            title: t(lang, 'donate.donor_sent_title'),
            paragraphs: [t(lang, 'donate.donor_sent_text')],
          }),
        );
      });

      const badLink = (reply: FastifyReply) =>
        sendPage(
          reply,
          404,
          lang,
          pageView({
            title: t(lang, 'donate.link_invalid_title'),
            paragraphs: [t(lang, 'donate.link_invalid_text')],
            links: [{ url: at('/support/donor'), label: t(lang, 'donate.donor_request_title') }],
          }),
        );

      // A copy of everything kept about the donor, as a file.
      forms.get(at('/support/donor/:token/data'), async (request, reply) => {
        const { token } = request.params as { token: string };
        const data = await donations.donorData(token);
        if (!data) return badLink(reply);
        return reply
          .status(200)
          .header('Cache-Control', 'no-store')
          .header('X-Robots-Tag', 'noindex, nofollow')
          .header('Content-Disposition', 'attachment; filename="supporter-data.json"')
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(data, null, 2));
      });

      forms.get(at('/support/donor/:token'), async (request, reply) => {
        const { token } = request.params as { token: string };
        const page = await donations.donorPage(token);
        if (!page) return badLink(reply);
        const done = (request.query as Record<string, unknown>).done;
        const notice =
          typeof done === 'string' && DONE.includes(done) ? [t(lang, `donate.done.${done}`)] : [];
        const action = at(supportPaths.donor(token));
        const money = (minor: number, currency: string) => formatMoney(minor, currency, lang);
        const live = page.plans.filter((p) => p.status !== 'cancelled');
        return sendPage(
          reply,
          200,
          lang,
          pageView({
            title: t(lang, 'donate.donor_title'),
            test: page.gifts.some((g) => g.test === 1),
            supporter: t(lang, 'donate.thanks_supporter'),
            facts: [
              { label: t(lang, 'donate.email'), value: page.donor.email ?? '' },
              ...(page.donor.name ? [{ label: t(lang, 'donate.name'), value: page.donor.name }] : []),
            ],
            tables: [
              {
                caption: t(lang, 'donate.receipts'),
                headers: [
                  t(lang, 'donate.date'),
                  t(lang, 'donate.amount'),
                  t(lang, 'donate.frequency'),
                  t(lang, 'donate.status'),
                  t(lang, 'donate.reference'),
                ],
                rows: page.gifts.map((g) => [
                  (g.completed_at ?? g.created_at).slice(0, 10),
                  money(g.amount_minor, g.currency) + (g.test ? ` (${t(lang, 'donate.test_mark')})` : ''),
                  t(lang, `donate.frequency.${g.frequency}`),
                  t(lang, `donate.status.${g.status}`),
                  g.id.slice(0, 8).toUpperCase(),
                ]),
              },
            ],
            forms: [
              ...live.flatMap((p) => [
                {
                  action,
                  legend: t(lang, 'donate.plan_legend', {
                    amount: money(p.amount_minor, p.currency),
                    frequency: t(lang, `donate.frequency.${p.frequency}`),
                    status: t(lang, `donate.plan_status.${p.status}`),
                  }),
                  hidden: [
                    { name: 'plan', value: p.id },
                    { name: 'action', value: 'change' },
                  ],
                  fields: [
                    {
                      id: `amount-${p.id}`,
                      name: 'amount',
                      label: t(lang, 'donate.new_amount', { currency: p.currency }),
                      type: 'text' as const,
                      required: true,
                      inputmode: 'decimal',
                      value: majorString(p.amount_minor, exponentOf(p.currency)),
                    },
                    {
                      id: `frequency-${p.id}`,
                      name: 'frequency',
                      label: t(lang, 'donate.frequency'),
                      type: 'select' as const,
                      options: (['monthly', 'annual'] as const).map((f) => ({
                        value: f,
                        label: t(lang, `donate.frequency.${f}`),
                        selected: f === p.frequency,
                      })),
                    },
                  ],
                  buttons: [{ name: 'go', value: 'change', label: t(lang, 'donate.change') }],
                },
                {
                  action,
                  hidden: [{ name: 'plan', value: p.id }],
                  fields: [],
                  buttons: [
                    p.status === 'paused'
                      ? { name: 'action', value: 'resume', label: t(lang, 'donate.resume') }
                      : { name: 'action', value: 'pause', label: t(lang, 'donate.pause') },
                    { name: 'action', value: 'cancel', label: t(lang, 'donate.cancel_plan') },
                  ],
                },
              ]),
              {
                action,
                legend: t(lang, 'donate.erase_legend'),
                hidden: [],
                fields: [],
                buttons: [{ name: 'action', value: 'erase', label: t(lang, 'donate.erase') }],
              },
            ],
            paragraphs: [...notice, t(lang, 'donate.erase_text')],
            links: [{ url: at(`${supportPaths.donor(token)}/data`), label: t(lang, 'donate.download_data') }],
          }),
        );
      });

      forms.post(at('/support/donor/:token'), async (request, reply) => {
        const { token } = request.params as { token: string };
        const form = formOf(request);
        const refused = (status: number, paragraph: string) =>
          sendPage(
            reply,
            status,
            lang,
            pageView({
              title: t(lang, 'donate.refused_title'),
              paragraphs: [paragraph],
              links: [{ url: at(supportPaths.donor(token)), label: t(lang, 'donate.back') }],
            }),
          );
        let result;
        try {
          result = await donations.donorAction(
            token,
            {
              kind: form.action ?? '',
              ...(form.plan ? { planId: form.plan } : {}),
              ...(form.amount ? { amount: form.amount } : {}),
              ...(form.frequency ? { frequency: form.frequency } : {}),
            },
            lang,
          );
        } catch (err) {
          if (err instanceof GiftRejectedError) {
            const page = await donations.donorPage(token);
            const currency = page?.plans.find((p) => p.id === form.plan)?.currency ?? 'USD';
            return refused(400, problemText(lang, err.problem, err.limits, currency));
          }
          if (err instanceof RailUnavailableError) return refused(503, t(lang, 'donate.rail_action_down'));
          if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'invalid_input')) {
            return refused(400, t(lang, 'donate.action_refused'));
          }
          throw err;
        }
        if (!result) return badLink(reply);
        if (result.done === 'erased') {
          return sendPage(
            reply,
            200,
            lang,
            pageView({ title: t(lang, 'donate.erased_title'), paragraphs: [t(lang, 'donate.erased_text')] }),
          );
        }
        return reply.redirect(`${at(supportPaths.donor(token))}?done=${result.done}`, 303);
      });
    }
  });

  // Webhooks: the raw body, byte for byte, for the signature check.
  app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    const webhook = (rail: RailId) => async (request: FastifyRequest, reply: FastifyReply) => {
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        throw new UnsupportedMediaError('webhooks are application/json');
      }
      if (!donations.railById(rail)?.parseWebhook) {
        throw new DomainError('not_found', `the ${rail} rail is not configured`);
      }
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const outcomes = await donations.handleWebhook(rail, { rawBody, headers: request.headers });
        return reply.status(200).send({
          received: outcomes.length,
          duplicates: outcomes.filter((o) => o.outcome === 'duplicate').length,
        });
      } catch (err) {
        if (err instanceof WebhookRejected) throw new ValidationError(`webhook rejected: ${err.message}`);
        throw err;
      }
    };
    hooks.post('/webhooks/stripe', webhook('stripe'));
    hooks.post('/webhooks/btcpay', webhook('btcpay'));
  });
}
