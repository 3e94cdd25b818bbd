import { describe, expect, it } from 'vitest';
import { isoInTimeZone, offsetMinutes, startOfMonth, zonedYearMonth, zoneLabel } from './time-zone.ts';
import { formatDate, formatDateTime, formatMonth, languageName, textDirection } from './format-date.ts';

describe('time zones', () => {
  it('writes an instant as the newsroom wall time with its offset', () => {
    expect(isoInTimeZone('2026-11-27T08:35:00.000Z', 'Asia/Kolkata')).toBe('2026-11-27T14:05:00+05:30');
    expect(isoInTimeZone('2026-11-27T08:35:00.000Z', 'UTC')).toBe('2026-11-27T08:35:00+00:00');
    expect(isoInTimeZone('2026-01-01T02:00:00.000Z', 'America/New_York')).toBe('2025-12-31T21:00:00-05:00');
  });

  it('follows daylight saving time', () => {
    expect(offsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Europe/Riga')).toBe(180);
    expect(offsetMinutes(new Date('2026-01-01T12:00:00Z'), 'Europe/Riga')).toBe(120);
  });

  it('puts an instant in the month of the newsroom calendar', () => {
    // 23:30 UTC on 31 October is already November in Riga.
    expect(zonedYearMonth('2026-10-31T23:30:00Z', 'Europe/Riga')).toEqual({ year: 2026, month: 11 });
    expect(zonedYearMonth('2026-10-31T23:30:00Z', 'UTC')).toEqual({ year: 2026, month: 10 });
  });

  it('finds where a month begins, across DST and year ends', () => {
    expect(startOfMonth(2026, 11, 'Europe/Riga').toISOString()).toBe('2026-10-31T22:00:00.000Z');
    expect(startOfMonth(2026, 4, 'Europe/Riga').toISOString()).toBe('2026-03-31T21:00:00.000Z');
    expect(startOfMonth(2026, 13, 'UTC').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('date formatting', () => {
  it('speaks the page language on the newsroom clock', () => {
    const at = '2026-11-27T08:35:00.000Z';
    expect(formatDateTime(at, 'en', 'Asia/Kolkata')).toMatch(/November 27, 2026.*2:05\s?PM/);
    expect(formatDateTime(at, 'ru', 'Asia/Kolkata')).toMatch(/27 ноября 2026 г\..*14:05/);
    expect(formatDate('2026-11-30T22:00:00Z', 'en', 'Europe/Riga')).toBe('December 1, 2026');
  });

  it('shows which zone a time of day is on, by its offset at that instant', () => {
    const at = '2026-11-27T11:05:00.000Z';
    expect(formatDateTime(at, 'en', 'Europe/Moscow')).toMatch(/2:05\s?PM UTC\+3$/);
    expect(formatDateTime(at, 'ru', 'Europe/Moscow')).toMatch(/ в 14:05 UTC\+3$/);
    expect(zoneLabel(at, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(zoneLabel(at, 'UTC')).toBe('UTC');
    expect(zoneLabel(at, 'America/New_York')).toBe('UTC\u22125');
    // Daylight saving time: the label follows the instant, not today's offset.
    expect(zoneLabel('2026-07-01T12:00:00Z', 'Europe/Riga')).toBe('UTC+3');
    expect(zoneLabel('2026-12-01T12:00:00Z', 'Europe/Riga')).toBe('UTC+2');
    // A date alone has no time of day, and so no zone.
    expect(formatDate(at, 'en', 'Europe/Moscow')).toBe('November 27, 2026');
  });

  it('names months and languages in their own words', () => {
    expect(formatMonth(2026, 11, 'en')).toBe('November 2026');
    expect(formatMonth(2026, 11, 'ru')).toMatch(/^ноябрь 2026/);
    expect(languageName('ru')).toBe('Русский');
    expect(languageName('en')).toBe('English');
  });

  it('knows which scripts run right to left', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('ru')).toBe('ltr');
  });
});
