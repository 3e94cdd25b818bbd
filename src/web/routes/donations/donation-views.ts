import { translate } from '../../../i18n/index.ts';
import { formatMoney, type PublicDonationRules } from '../../../modules/donations/index.ts';

// What the reader-revenue pages show, as plain data for the theme's donation template: every
// string already in the page's language. One shape for every page: title, paragraphs, facts,
// forms, links and tables.

export interface Field {
  id: string;
  name: string;
  label: string;
  type: 'email' | 'text' | 'select';
  value?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  options?: Array<{ value: string; label: string; selected: boolean }>;
}

export interface FormView {
  action: string;
  legend?: string;
  hidden: Array<{ name: string; value: string }>;
  fields: Field[];
  buttons: Array<{ name: string; value: string; label: string; novalidate?: boolean }>;
  /** The proof-of-work step: the appeal script solves the challenge and submits the form. */
  pow?: { token: string; bits: number };
}

export interface TableView {
  caption: string;
  headers: string[];
  rows: string[][];
}

export interface DonationPageView {
  title: string;
  test: boolean;
  supporter: string | null;
  paragraphs: string[];
  facts: Array<{ label: string; value: string }>;
  forms: FormView[];
  links: Array<{ url: string; label: string }>;
  tables: TableView[];
  /**
   * Where the page sends the browser on at once (a payment provider's checkout), by a meta refresh:
   * a form's redirect to another origin would be refused by the pages' form-action 'self'.
   */
  redirect?: string;
}

export const t = (lang: string, key: string, vars?: Record<string, string | number>) =>
  translate(lang, key as never, vars);

export function pageView(partial: Partial<DonationPageView> & { title: string }): DonationPageView {
  return {
    test: false,
    supporter: null,
    paragraphs: [],
    facts: [],
    forms: [],
    links: [],
    tables: [],
    ...partial,
  };
}

export function problemText(
  lang: string,
  problem: string,
  limits: { minimumMinor?: number; maximumMinor?: number },
  currency: string,
): string {
  const vars: Record<string, string> = {};
  if (limits.minimumMinor) vars.amount = formatMoney(limits.minimumMinor, currency, lang);
  if (limits.maximumMinor) vars.amount = formatMoney(limits.maximumMinor, currency, lang);
  return t(lang, `donate.problem.${problem}`, vars);
}

/** The rails the donor may try instead, as buttons re-posting the same gift. */
export function otherRailsForm(
  lang: string,
  action: string,
  form: Record<string, string>,
  rails: PublicDonationRules['rails'],
): FormView {
  return {
    action,
    legend: t(lang, 'donate.other_rails'),
    hidden: ['frequency', 'currency', 'amount', 'custom_amount', 'variant', 'source']
      .filter((name) => typeof form[name] === 'string')
      .map((name) => ({ name, value: form[name]! })),
    fields: [],
    buttons: rails.map((r) => ({
      name: 'rail',
      value: r.id,
      label: r.test ? `${r.label} (${t(lang, 'donate.test_mark')})` : r.label,
    })),
  };
}
