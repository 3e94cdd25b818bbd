import { exponentOf } from './donation-rules.ts';

/** "€10.50" / "10,50 €" in the reader's language; the currency's own decimals. */
export function formatMoney(amountMinor: number, currency: string, lang: string): string {
  const exponent = exponentOf(currency);
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      minimumFractionDigits: amountMinor % 10 ** exponent === 0 ? 0 : exponent,
      maximumFractionDigits: exponent,
    }).format(amountMinor / 10 ** exponent);
  } catch {
    return `${(amountMinor / 10 ** exponent).toFixed(exponent)} ${currency}`;
  }
}
