import { translate } from '../../i18n/index.ts';
import type { MailMessage } from '../../adapters/mail/index.ts';
import { formatMoney } from './money-format.ts';

export interface ReceiptFacts {
  to: string;
  lang: string;
  publication: string;
  amountMinor: number;
  currency: string;
  frequency: string;
  date: string; // ISO
  reference: string;
  test: boolean;
  donorUrl: string;
}

const testMark = (lang: string, test: boolean) => (test ? `[${translate(lang, 'donate.test_mark')}] ` : '');

export function receiptMail(f: ReceiptFacts): MailMessage {
  const amount = formatMoney(f.amountMinor, f.currency, f.lang);
  const lines = [
    translate(f.lang, 'donate.mail.receipt_intro', { name: f.publication }),
    '',
    `${translate(f.lang, 'donate.amount')}: ${amount}`,
    `${translate(f.lang, 'donate.frequency')}: ${translate(f.lang, `donate.frequency.${f.frequency}`)}`,
    `${translate(f.lang, 'donate.date')}: ${f.date.slice(0, 10)}`,
    `${translate(f.lang, 'donate.reference')}: ${f.reference}`,
    ...(f.test ? ['', translate(f.lang, 'donate.test_notice')] : []),
    '',
    translate(f.lang, 'donate.mail.manage'),
    f.donorUrl,
  ];
  return {
    to: f.to,
    subject: `${testMark(f.lang, f.test)}${translate(f.lang, 'donate.mail.receipt_subject', { name: f.publication })}`,
    text: lines.join('\n'),
  };
}

export function paymentFailedMail(f: {
  to: string;
  lang: string;
  publication: string;
  donorUrl: string;
  test: boolean;
}): MailMessage {
  return {
    to: f.to,
    subject: `${testMark(f.lang, f.test)}${translate(f.lang, 'donate.mail.failed_subject', { name: f.publication })}`,
    text: [translate(f.lang, 'donate.mail.failed_text', { name: f.publication }), '', f.donorUrl].join('\n'),
  };
}

export function donorLinkMail(f: {
  to: string;
  lang: string;
  publication: string;
  donorUrl: string;
}): MailMessage {
  return {
    to: f.to,
    subject: translate(f.lang, 'donate.mail.link_subject', { name: f.publication }),
    text: [translate(f.lang, 'donate.mail.link_text', { name: f.publication }), '', f.donorUrl].join('\n'),
  };
}

/** After the donor changed, paused, resumed or cancelled a recurring gift on their page. */
export function planNoticeMail(f: {
  to: string;
  lang: string;
  publication: string;
  change: 'changed' | 'paused' | 'resumed' | 'cancelled';
  amountMinor: number;
  currency: string;
  frequency: string;
  donorUrl: string;
  test: boolean;
}): MailMessage {
  const vars = {
    name: f.publication,
    amount: formatMoney(f.amountMinor, f.currency, f.lang),
    frequency: translate(f.lang, `donate.frequency.${f.frequency}`),
  };
  return {
    to: f.to,
    subject: `${testMark(f.lang, f.test)}${translate(f.lang, `donate.mail.plan_${f.change}_subject`, vars)}`,
    text: [
      translate(f.lang, `donate.mail.plan_${f.change}_text`, vars),
      ...(f.test ? ['', translate(f.lang, 'donate.test_notice')] : []),
      '',
      translate(f.lang, 'donate.mail.manage'),
      f.donorUrl,
    ].join('\n'),
  };
}
