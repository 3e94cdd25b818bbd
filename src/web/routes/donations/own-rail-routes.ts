import { formatMoney, supportPaths } from '../../../modules/donations/index.ts';
import { DomainError, RateLimitedError, ValidationError } from '../../../domain/errors.ts';
import { formOf, type DonationRoutes } from './donation-page.ts';
import { pageView, t } from './donation-views.ts';

/**
 * The checkout pages of our own rails: the TEST rail's (succeed, fail or cancel, no money moves)
 * and the bank transfer's instructions with the gift's reference.
 */
export function registerOwnRailRoutes({
  forms,
  services,
  lang,
  at,
  sendPage,
  sendTooMany,
}: DonationRoutes): void {
  const { donations, config } = services;
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
        return sendTooMany(reply);
      }
      throw err;
    }
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
}
