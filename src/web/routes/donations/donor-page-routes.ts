import type { FastifyReply } from 'fastify';
import {
  exponentOf,
  formatMoney,
  GiftRejectedError,
  supportPaths,
} from '../../../modules/donations/index.ts';
import { majorString, RailUnavailableError } from '../../../adapters/payments/index.ts';
import { DomainError, RateLimitedError, ValidationError } from '../../../domain/errors.ts';
import { formOf, type DonationRoutes } from './donation-page.ts';
import { pageView, problemText, t } from './donation-views.ts';

/** The changes the donor page confirms after its redirect (`?done=`). */
const DONE = ['changed', 'paused', 'resumed', 'cancelled'];

/**
 * The donor's own page, reached by a link sent by e-mail: receipts, plans to change, pause or
 * cancel, a copy of their data, and erasure.
 */
export function registerDonorPageRoutes({
  forms,
  services,
  lang,
  at,
  sendPage,
  sendTooMany,
}: DonationRoutes): void {
  const { donations } = services;
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
        return sendTooMany(reply);
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
    const notice = typeof done === 'string' && DONE.includes(done) ? [t(lang, `donate.done.${done}`)] : [];
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
