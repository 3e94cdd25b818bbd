import { describe, expect, it } from 'vitest';
import { digestDue, nextDigestTime } from './digest-schedule.ts';

const at = (iso: string) => new Date(iso);

describe('nextDigestTime', () => {
  it('defaults to Friday 09:00 in the site time zone', () => {
    // Wednesday 2026-12-02; Friday is 2026-12-04, 09:00 in Tbilisi (UTC+4) is 05:00 UTC.
    const next = nextDigestTime({ cron: null, timeZone: 'Asia/Tbilisi', after: at('2026-12-02T12:00:00Z') });
    expect(next?.toISOString()).toBe('2026-12-04T05:00:00.000Z');
  });

  it('keeps 09:00 local across the spring daylight-saving change (Berlin, last Sunday of March)', () => {
    // Friday 2027-03-26 09:00 CET = 08:00 UTC; after the change on Sunday the 28th, Friday
    // 2027-04-02 09:00 CEST = 07:00 UTC.
    const first = nextDigestTime({
      cron: null,
      timeZone: 'Europe/Berlin',
      after: at('2027-03-25T00:00:00Z'),
    });
    expect(first?.toISOString()).toBe('2027-03-26T08:00:00.000Z');
    const second = nextDigestTime({ cron: null, timeZone: 'Europe/Berlin', after: first! });
    expect(second?.toISOString()).toBe('2027-04-02T07:00:00.000Z');
  });

  it('keeps 09:00 local across the autumn change (New York, first Sunday of November)', () => {
    const first = nextDigestTime({
      cron: null,
      timeZone: 'America/New_York',
      after: at('2026-10-29T00:00:00Z'),
    });
    expect(first?.toISOString()).toBe('2026-10-30T13:00:00.000Z'); // EDT, UTC-4
    const second = nextDigestTime({ cron: null, timeZone: 'America/New_York', after: first! });
    expect(second?.toISOString()).toBe('2026-11-06T14:00:00.000Z'); // EST, UTC-5
  });

  it('a local time skipped by the spring change fires once, an hour later', () => {
    // Sunday 2027-03-28 02:30 does not exist in Berlin: 03:30 CEST = 01:30 UTC.
    const next = nextDigestTime({
      cron: '30 2 * * 0',
      timeZone: 'Europe/Berlin',
      after: at('2027-03-27T12:00:00Z'),
    });
    expect(next?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it("reads a list's own cron", () => {
    const next = nextDigestTime({ cron: '0 18 * * 1', timeZone: 'UTC', after: at('2026-12-02T12:00:00Z') });
    expect(next?.toISOString()).toBe('2026-12-07T18:00:00.000Z');
  });
});

describe('digestDue', () => {
  it('is due once the send time has come, not before', () => {
    const input = { cron: null, timeZone: 'UTC', after: at('2026-12-02T12:00:00Z') };
    expect(digestDue({ ...input, now: at('2026-12-04T08:59:59Z') }).due).toBe(false);
    expect(digestDue({ ...input, now: at('2026-12-04T09:00:00Z') }).due).toBe(true);
    // After downtime: still due (one issue, not one per missed Friday).
    expect(digestDue({ ...input, now: at('2026-12-20T00:00:00Z') })).toEqual({
      due: true,
      at: at('2026-12-04T09:00:00Z'),
    });
  });
});
