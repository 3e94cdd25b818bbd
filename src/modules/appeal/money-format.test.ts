import { describe, expect, it } from 'vitest';
import { formatMoney, majorValue, minorDigits } from './money-format.ts';

describe('money formatting', () => {
  it('knows minor digits', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
  });
  it('gives the form a plain major-unit value', () => {
    expect(majorValue(1000, 'USD')).toBe('10');
    expect(majorValue(1050, 'USD')).toBe('10.50');
    expect(majorValue(1_000_000, 'USD')).toBe('10000');
    expect(majorValue(500, 'JPY')).toBe('500');
  });
  it('formats for the page language', () => {
    expect(formatMoney(200, 'USD', 'en')).toBe('$2');
    expect(formatMoney(250, 'USD', 'en')).toBe('$2.50');
    expect(formatMoney(50000, 'RUB', 'ru')).toMatch(/^500\s₽$/);
  });
});
