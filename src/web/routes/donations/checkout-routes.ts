import {
  GiftRejectedError,
  NO_SCRIPT_WAIT_S,
  ProofOfWorkRequiredError,
  RailDownError,
  supportPaths,
} from '../../../modules/donations/index.ts';
import { RateLimitedError } from '../../../domain/errors.ts';
import { formOf, type DonationRoutes } from './donation-page.ts';
import { otherRailsForm, pageView, problemText, t } from './donation-views.ts';

/**
 * The checkout the appeal's form posts to (on to the rail's checkout, or a page saying why not),
 * and the thank-you page a completed checkout comes back to.
 */
export function registerCheckoutRoutes({
  forms,
  services,
  lang,
  at,
  sendPage,
  sendTooMany,
}: DonationRoutes): void {
  const { donations } = services;
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
            forms: err.others.length ? [otherRailsForm(lang, at('/support/checkout'), form, err.others)] : [],
            links: [{ url: at(supportPaths.support), label: t(lang, 'donate.back') }],
          }),
        );
      }
      if (err instanceof RateLimitedError) {
        reply.header('Retry-After', String(err.retryAfterSeconds));
        return sendTooMany(reply);
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
}
