import { describe, expect, it } from 'vitest';
import { amountsFromText, amountsToText, formatMoney, formatTotals, toMajor, toMinor } from './money.ts';

describe('money in the admin', () => {
  it('shows minor units as the currency’s major units', () => {
    expect(formatMoney('en', 1250, 'EUR')).toBe('€12.50');
    expect(formatMoney('en', 500, 'JPY')).toBe('¥500');
    expect(formatTotals('en', [])).toBe('—');
    expect(
      formatTotals('en', [
        { currency: 'EUR', amount_minor: 100 },
        { currency: 'USD', amount_minor: 250 },
      ]),
    ).toBe('€1.00 + $2.50');
  });

  it('reads typed amounts, refusing what is not one', () => {
    expect(toMinor('12.50', 'EUR')).toBe(1250);
    expect(toMinor('12,5', 'EUR')).toBe(1250);
    expect(toMinor('7', 'JPY')).toBe(7);
    for (const bad of ['', '0', '-1', '1.234', 'ten', '1e3']) expect(toMinor(bad, 'EUR'), bad).toBeNull();
    expect(toMinor('1.5', 'JPY')).toBeNull();
    expect(toMajor(1250, 'EUR')).toBe('12.5');
  });

  it('reads a row of suggested amounts', () => {
    expect(amountsFromText('5 10 25', 'EUR')).toEqual([500, 1000, 2500]);
    expect(amountsFromText('5, 10, 2.50', 'EUR')).toEqual([500, 1000, 250]);
    expect(amountsFromText('5 x', 'EUR')).toBeNull();
    expect(amountsFromText('', 'EUR')).toBeNull();
    expect(amountsFromText('1 2 3 4 5 6 7', 'EUR')).toBeNull();
    expect(amountsToText([500, 1000], 'EUR')).toBe('5 10');
  });
});
