import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatTotals,
  minorAmountsFromText,
  toMajor,
  toMinor,
  wholeAmountsFromText,
} from './money.ts';

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

  it('reads a row of suggested amounts in whole major units', () => {
    expect(wholeAmountsFromText('5 10 25')).toEqual([5, 10, 25]);
    expect(wholeAmountsFromText('5, 10,25')).toEqual([5, 10, 25]);
    for (const bad of ['', '5 x', '2.50', '0', '-5', '1 2 3 4 5 6 7'])
      expect(wholeAmountsFromText(bad), bad).toBeNull();
  });

  it('reads a row of amounts in minor units for an appeal variant', () => {
    expect(minorAmountsFromText('5 10 2.50', 'EUR')).toEqual([500, 1000, 250]);
    expect(minorAmountsFromText('5, 7', 'JPY')).toEqual([5, 7]);
    for (const bad of ['', '5 x', '1.234', '1 2 3 4 5 6 7'])
      expect(minorAmountsFromText(bad, 'EUR'), bad).toBeNull();
  });
});
