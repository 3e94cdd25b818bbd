// Amounts as readers see them and as the form sends them. Pure.

/** How many minor units a currency has (2 for USD and RUB, 0 for JPY), from the runtime's data. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** "10" or "10.50": the form's value, in major units, never with a thousands separator. */
export function majorValue(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const whole = minor / 10 ** digits;
  return Number.isInteger(whole) ? String(whole) : whole.toFixed(digits);
}

/** "$10", "10 ₽", "$10.50": in the page language, without decimals for whole amounts. */
export function formatMoney(minor: number, currency: string, lang: string): string {
  const digits = minorDigits(currency);
  const whole = minor / 10 ** digits;
  const fraction = Number.isInteger(whole) ? 0 : digits;
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      minimumFractionDigits: fraction,
      maximumFractionDigits: fraction,
    }).format(whole);
  } catch {
    return `${majorValue(minor, currency)} ${currency}`;
  }
}
