// One appeal variant's own words and amounts: a title and letter per language, and suggested
// amounts per currency and frequency replacing the donation rules' own. Empty means "as the
// appeal / the rules say". Amounts are typed in major units and kept in minor units.
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { minorAmountsFromText, toMajor } from '../revenue/money.ts';
import { Field } from '../ui.tsx';

export const FREQUENCIES = ['once', 'monthly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export type VariantAmounts = Record<string, Partial<Record<Frequency, number[]>>>;

export interface Variant {
  id: string;
  weight: number;
  title: Record<string, string>;
  letter: Record<string, string>;
  amounts: VariantAmounts;
}

/** The amounts as typed, keyed `currency:frequency`. */
export type AmountTexts = Record<string, string>;

export function amountTexts(amounts: VariantAmounts): AmountTexts {
  const texts: AmountTexts = {};
  for (const [code, byFrequency] of Object.entries(amounts))
    for (const f of FREQUENCIES) {
      const list = byFrequency[f];
      if (list?.length) texts[`${code}:${f}`] = list.map((m) => toMajor(m, code)).join(' ');
    }
  return texts;
}

/**
 * The typed amounts as the variant's `amounts`, keeping any currency the rules no longer list;
 * or the first currency and frequency whose text is not a row of amounts.
 */
export function amountsFromTexts(
  texts: AmountTexts,
  currencies: string[],
  before: VariantAmounts,
): { amounts: VariantAmounts } | { bad: string } {
  const amounts: VariantAmounts = {};
  for (const [code, value] of Object.entries(before)) if (!currencies.includes(code)) amounts[code] = value;
  for (const code of currencies) {
    const byFrequency: Partial<Record<Frequency, number[]>> = {};
    for (const f of FREQUENCIES) {
      const text = (texts[`${code}:${f}`] ?? '').trim();
      if (!text) continue;
      const minor = minorAmountsFromText(text, code);
      if (!minor) return { bad: `${code} ${f}` };
      byFrequency[f] = minor;
    }
    if (Object.keys(byFrequency).length) amounts[code] = byFrequency;
  }
  return { amounts };
}

export function VariantFields({
  variant,
  languages,
  languageName,
  currencies,
  texts,
  onTexts,
  onChange,
}: {
  variant: Variant;
  languages: string[];
  languageName: (lang: string) => string;
  currencies: string[];
  texts: AmountTexts;
  onTexts: (texts: AmountTexts) => void;
  onChange: (patch: Partial<Variant>) => void;
}) {
  const { t } = useI18n();
  return (
    <details className="variant">
      <summary>{t('appeal.variantOwn', { id: variant.id })}</summary>
      {languages.map((lang) => (
        <div key={lang}>
          <Field
            label={t('appeal.variantTitle', { id: variant.id, lang: languageName(lang) })}
            maxLength={200}
            value={variant.title[lang] ?? ''}
            onChange={(e) => onChange({ title: { ...variant.title, [lang]: e.target.value } })}
          />
          <div className="field">
            <label htmlFor={`variant-${variant.id}-letter-${lang}`}>
              {t('appeal.variantLetter', { id: variant.id, lang: languageName(lang) })}
            </label>
            <textarea
              id={`variant-${variant.id}-letter-${lang}`}
              rows={4}
              maxLength={6000}
              value={variant.letter[lang] ?? ''}
              onChange={(e) => onChange({ letter: { ...variant.letter, [lang]: e.target.value } })}
            />
          </div>
        </div>
      ))}
      <p className="hint">{t('appeal.variantAmountsHint')}</p>
      {currencies.map((code) =>
        FREQUENCIES.map((f) => (
          <Field
            key={`${code}:${f}`}
            label={t('appeal.variantAmounts', {
              id: variant.id,
              currency: code,
              frequency: t(`frequency.${f}` as MessageKey),
            })}
            inputMode="decimal"
            value={texts[`${code}:${f}`] ?? ''}
            onChange={(e) => onTexts({ ...texts, [`${code}:${f}`]: e.target.value })}
          />
        )),
      )}
    </details>
  );
}
