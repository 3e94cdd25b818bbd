// Amounts travel in a currency's minor units (cents, kopecks); people read and type major units.

/** How many minor units a currency's major unit has as a power of ten (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** `1250, 'EUR'` as "€12.50" in the reader's language. */
export function formatMoney(lang: string, minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** Several currencies' totals on one line ("€12.50 + $3.00"), or a dash when there are none. */
export function formatTotals(
  lang: string,
  totals: Array<{ currency: string; amount_minor: number }>,
): string {
  if (totals.length === 0) return '—';
  return totals.map((x) => formatMoney(lang, x.amount_minor, x.currency)).join(' + ');
}

/** Minor units as a plain major-unit number for a form field ("12.5"). */
export function toMajor(minor: number, currency: string): string {
  return String(minor / 10 ** currencyDigits(currency));
}

/**
 * A typed major-unit amount ("12.50", "12,5") in minor units, or null when it is not a positive
 * amount with at most the currency's decimal places.
 */
export function toMinor(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const clean = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  const [whole, fraction = ''] = clean.split('.') as [string, string?];
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/**
 * Suggested amounts as the rules keep them: whole major units ("5 10 25"), one to six, or null
 * when any is not a whole positive number.
 */
export function wholeAmountsFromText(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 6 || !parts.every((p) => /^\d{1,9}$/.test(p))) return null;
  const amounts = parts.map(Number);
  return amounts.every((a) => a > 0) ? amounts : null;
}

/** "5 10 2.50" as minor units ("5" is 500 cents), one to six, or null when any is not an amount. */
export function minorAmountsFromText(text: string, currency: string): number[] | null {
  const parts = text
    .split(/[\s;]+|,\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 6) return null;
  const minor = parts.map((p) => toMinor(p, currency));
  return minor.every((m): m is number => m !== null) ? minor : null;
}
