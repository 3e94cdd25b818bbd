import { describe, expect, it } from 'vitest';
import { latestRenewalDue } from './renewal-period.ts';

const at = (iso: string) => new Date(iso);
const due = (anchor: string, frequency: string, now: string) =>
  latestRenewalDue(at(anchor), frequency, at(now))?.toISOString();

describe('latestRenewalDue', () => {
  it('is nothing during the first period', () => {
    expect(due('2026-01-15T10:00:00Z', 'monthly', '2026-02-15T09:59:59Z')).toBeUndefined();
    expect(due('2026-01-15T10:00:00Z', 'annual', '2027-01-15T09:59:59Z')).toBeUndefined();
  });

  it('is the start of the latest period once it has begun', () => {
    expect(due('2026-01-15T10:00:00Z', 'monthly', '2026-02-15T10:00:00Z')).toBe('2026-02-15T10:00:00.000Z');
    expect(due('2026-01-15T10:00:00Z', 'monthly', '2026-03-01T00:00:00Z')).toBe('2026-02-15T10:00:00.000Z');
    expect(due('2026-01-15T10:00:00Z', 'annual', '2027-03-01T00:00:00Z')).toBe('2027-01-15T10:00:00.000Z');
  });

  it('skips periods missed (a pause, an outage): only the latest is due', () => {
    expect(due('2026-01-15T10:00:00Z', 'monthly', '2026-07-20T00:00:00Z')).toBe('2026-07-15T10:00:00.000Z');
  });

  it('keeps a month-end anchor to the last day of shorter months', () => {
    expect(due('2026-01-31T08:00:00Z', 'monthly', '2026-03-01T00:00:00Z')).toBe('2026-02-28T08:00:00.000Z');
    expect(due('2026-01-31T08:00:00Z', 'monthly', '2026-04-01T00:00:00Z')).toBe('2026-03-31T08:00:00.000Z');
    expect(due('2028-02-29T08:00:00Z', 'annual', '2029-03-01T00:00:00Z')).toBe('2029-02-28T08:00:00.000Z');
  });

  it('crosses the year end', () => {
    expect(due('2026-11-30T10:00:00Z', 'monthly', '2027-01-05T00:00:00Z')).toBe('2026-12-30T10:00:00.000Z');
  });
});
