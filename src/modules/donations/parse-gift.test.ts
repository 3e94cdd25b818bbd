import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './donation-rules.ts';
import { checkGift, parseMajorAmount } from './parse-gift.ts';

const rails = [
  { id: 'test' as const, frequencies: ['once', 'monthly', 'annual'] as const },
  { id: 'bank' as const, frequencies: ['once'] as const },
];
const form = (over: Record<string, string>) => ({
  frequency: 'once',
  currency: 'EUR',
  amount: '10',
  rail: 'test',
  variant: 'a',
  source: 'banner',
  ...over,
});

describe('parseMajorAmount', () => {
  it('reads decimals without floating point', () => {
    expect(parseMajorAmount('10', 2)).toEqual({ ok: true, minor: 1000 });
    expect(parseMajorAmount('10.5', 2)).toEqual({ ok: true, minor: 1050 });
    expect(parseMajorAmount('10,05', 2)).toEqual({ ok: true, minor: 1005 });
    expect(parseMajorAmount('0.29', 2)).toEqual({ ok: true, minor: 29 });
    expect(parseMajorAmount('1.10', 2)).toEqual({ ok: true, minor: 110 });
    expect(parseMajorAmount('500', 0)).toEqual({ ok: true, minor: 500 });
  });
  it.each([
    ['', 'amount_missing'],
    ['-5', 'amount_not_positive'],
    ['0', 'amount_not_positive'],
    ['0.00', 'amount_not_positive'],
    ['NaN', 'amount_invalid'],
    ['Infinity', 'amount_invalid'],
    ['1e3', 'amount_invalid'],
    ['0x10', 'amount_invalid'],
    ['10.001', 'amount_decimals'],
    ['99999999999999999999', 'amount_above_maximum'],
    ['5000000', 'amount_above_maximum'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(parseMajorAmount(input, 2)).toEqual({ ok: false, problem });
  });
  it('refuses any decimals for a currency without them', () => {
    expect(parseMajorAmount('5.5', 0)).toEqual({ ok: false, problem: 'amount_decimals' });
  });
});

describe('checkGift', () => {
  it('accepts a suggested amount and prefers a custom one', () => {
    const a = checkGift(DEFAULT_RULES, rails, form({}));
    expect(a).toMatchObject({ ok: true, gift: { amountMinor: 1000, currency: 'EUR', frequency: 'once' } });
    const b = checkGift(DEFAULT_RULES, rails, form({ custom_amount: '7.50' }));
    expect(b).toMatchObject({ ok: true, gift: { amountMinor: 750 } });
  });
  it.each([
    [{ amount: '0.5' }, 'amount_below_minimum'],
    [{ custom_amount: '20000' }, 'amount_above_maximum'],
    [{ currency: 'XXX' }, 'currency_unknown'],
    [{ currency: 'JPY' }, 'currency_unknown'],
    [{ frequency: 'weekly' }, 'frequency_unknown'],
    [{ rail: 'paypal' }, 'rail_unknown'],
    [{ rail: 'bank', frequency: 'monthly' }, 'rail_frequency'],
  ])('refuses %j', (over, problem) => {
    expect(checkGift(DEFAULT_RULES, rails, form(over))).toMatchObject({ ok: false, problem });
  });
  it('drops variant and source names that are not plain labels', () => {
    const a = checkGift(DEFAULT_RULES, rails, form({ variant: '<script>', source: 'x'.repeat(80) }));
    expect(a).toMatchObject({ ok: true, gift: { variant: '', source: '' } });
  });
});
