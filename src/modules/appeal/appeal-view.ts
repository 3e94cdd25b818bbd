import { translate } from '../../i18n/index.ts';
import type { AppealPolicy } from './appeal-rules.ts';
import {
  FREQUENCIES,
  type AppealMoneyRules,
  type AppealSettings,
  type AppealVariant,
  type Frequency,
} from './appeal-settings.ts';
import { formatMoney, majorValue } from './money-format.ts';

// The appeal as the theme renders it (the /support page, the banner, the inline block and the
// dialog), built from the settings and the money rules in the page's language. Pure.

/** Where the form and the reminder go (the donations module answers the first). */
export const CHECKOUT_URL = '/support/checkout';
export const REMINDER_URL = '/support/reminder';
export const EVENTS_URL = '/support/events';
export const DEFAULT_FREQUENCY: Frequency = 'monthly';

export interface AmountView {
  value: string;
  label: string;
  checked: boolean;
}

export interface AmountGroupView {
  frequency: Frequency;
  currency: string;
  legend: string;
  amounts: AmountView[];
}

export interface AppealView {
  title: string;
  letter: string[];
  /** "Starting from just $2 a month." from the smallest monthly amount; null without one. */
  startingFrom: string | null;
  variant: string;
  frequencies: Array<{ id: Frequency; label: string; checked: boolean }>;
  currency: string;
  currencies: Array<{ code: string; selected: boolean; limits: string }>;
  groups: AmountGroupView[];
  rails: Array<{ id: string; label: string; test: boolean; checked: boolean }>;
  action: string;
  reminderAction: string;
  eventsUrl: string;
  snoozeDays: number;
  /** JSON for the script (data-appeal-config): the rules' policy and each variant's overrides. */
  config: string;
}

/** What the script needs of a variant: only what differs from the page as rendered. */
interface VariantConfig {
  id: string;
  weight: number;
  title?: string;
  letter?: string[];
  groups?: Array<{
    frequency: Frequency;
    currency: string;
    amounts: Array<{ value: string; label: string }>;
  }>;
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

function words(settings: AppealSettings, variant: AppealVariant, lang: string, siteName: string) {
  const title =
    variant.title[lang] || settings.title[lang] || translate(lang, 'support.title', { name: siteName });
  const letter =
    variant.letter[lang] ||
    settings.letter[lang] ||
    translate(lang, 'appeal.letter_default', { name: siteName });
  return { title, letter: paragraphs(letter) };
}

function suggested(money: AppealMoneyRules, variant: AppealVariant, currency: string, frequency: Frequency) {
  const base = money.currencies.find((c) => c.code === currency)?.suggested[frequency] ?? [];
  return variant.amounts[currency]?.[frequency] ?? base;
}

function groupsFor(money: AppealMoneyRules, variant: AppealVariant, lang: string) {
  const groups: Array<{ frequency: Frequency; currency: string; minor: number[] }> = [];
  for (const c of money.currencies) {
    for (const frequency of FREQUENCIES) {
      groups.push({ frequency, currency: c.code, minor: suggested(money, variant, c.code, frequency) });
    }
  }
  return groups.map((g) => ({
    frequency: g.frequency,
    currency: g.currency,
    amounts: g.minor.map((m) => ({
      value: majorValue(m, g.currency),
      label: formatMoney(m, g.currency, lang),
    })),
  }));
}

export function policyOf(settings: AppealSettings): AppealPolicy {
  return {
    viewsBeforeDialog: settings.views_before_dialog,
    capDays: settings.cap_days,
    snoozeDays: settings.snooze_days,
    excludedSections: settings.excluded_sections,
  };
}

export function appealView(input: {
  settings: AppealSettings;
  money: AppealMoneyRules;
  lang: string;
  siteName: string;
}): AppealView {
  const { settings, money, lang, siteName } = input;
  const t = (key: string, vars = {}) => translate(lang, key, vars);
  const variant = settings.variants[0]!;
  const currency = money.currencies.some((c) => c.code === money.defaultCurrency)
    ? money.defaultCurrency
    : (money.currencies[0]?.code ?? 'USD');
  const { title, letter } = words(settings, variant, lang, siteName);
  const groups = groupsFor(money, variant, lang).map((g) => {
    const middle = Math.floor((g.amounts.length - 1) / 2);
    const checked = g.frequency === DEFAULT_FREQUENCY && g.currency === currency;
    return {
      ...g,
      legend: t('appeal.amount', { frequency: t(`appeal.${g.frequency}`), currency: g.currency }),
      amounts: g.amounts.map((a, i) => ({ ...a, checked: checked && i === middle })),
    };
  });
  const monthly = suggested(money, variant, currency, 'monthly');
  const smallest = monthly.length ? Math.min(...monthly) : null;
  const variants: VariantConfig[] = settings.variants.map((v, i) => {
    if (i === 0) return { id: v.id, weight: v.weight };
    const w = words(settings, v, lang, siteName);
    return {
      id: v.id,
      weight: v.weight,
      title: w.title,
      letter: w.letter,
      groups: groupsFor(money, v, lang).map((g) => ({ ...g })),
    };
  });
  return {
    title,
    letter,
    startingFrom:
      smallest === null ? null : t('appeal.starting_from', { amount: formatMoney(smallest, currency, lang) }),
    variant: variant.id,
    frequencies: FREQUENCIES.map((id) => ({
      id,
      label: t(`appeal.${id}`),
      checked: id === DEFAULT_FREQUENCY,
    })),
    currency,
    currencies: money.currencies.map((c) => ({
      code: c.code,
      selected: c.code === currency,
      limits: t('appeal.limits', {
        min: formatMoney(c.minimumMinor, c.code, lang),
        max: formatMoney(c.maximumMinor, c.code, lang),
      }),
    })),
    groups,
    rails: money.rails.map((r, i) => ({ ...r, checked: i === 0 })),
    action: CHECKOUT_URL,
    reminderAction: REMINDER_URL,
    eventsUrl: EVENTS_URL,
    snoozeDays: settings.snooze_days,
    config: JSON.stringify({ policy: policyOf(settings), variants }),
  };
}
