import { describe, expect, it } from 'vitest';
import { decideScheduledRun, latestFireTime, nextFireTime, parseCron, scheduleJobKey } from './fire-times.ts';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('nextFireTime', () => {
  const berlinNine = { cron: '0 9 * * *', timeZone: 'Europe/Berlin' };

  it('keeps 09:00 local in Berlin across the spring-forward change (UTC+1 -> UTC+2)', () => {
    expect(iso(nextFireTime(berlinNine, at('2026-03-28T00:00:00Z')))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(nextFireTime(berlinNine, at('2026-03-28T08:00:00Z')))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(nextFireTime(berlinNine, at('2026-10-24T07:00:00Z')))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('fires a Berlin 02:30 that does not exist (29 March) once, an hour later, and one that exists twice (25 October) once', () => {
    const spec = { cron: '30 2 * * *', timeZone: 'Europe/Berlin' };
    const march = [];
    for (
      let t = nextFireTime(spec, at('2026-03-27T12:00:00Z'));
      march.length < 3 && t;
      t = nextFireTime(spec, t)
    ) {
      march.push(iso(t));
    }
    expect(march).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    const october = [];
    for (
      let t = nextFireTime(spec, at('2026-10-24T12:00:00Z'));
      october.length < 2 && t;
      t = nextFireTime(spec, t)
    ) {
      october.push(iso(t));
    }
    expect(october).toEqual(['2026-10-25T01:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('fires a Friday 09:00 schedule in Tbilisi (UTC+4) at 05:00 UTC on Fridays only', () => {
    const friday = { cron: '0 9 * * 5', timeZone: 'Asia/Tbilisi' };
    expect(iso(nextFireTime(friday, at('2026-11-25T10:00:00Z')))).toBe('2026-11-27T05:00:00.000Z');
    expect(iso(nextFireTime(friday, at('2026-11-27T04:59:59Z')))).toBe('2026-11-27T05:00:00.000Z');
    // Strictly after: the fire time itself has been handled, the next one is a week later.
    expect(iso(nextFireTime(friday, at('2026-11-27T05:00:00Z')))).toBe('2026-12-04T05:00:00.000Z');
  });
});

describe('parseCron', () => {
  it('accepts five fields only, and IANA zones only', () => {
    expect(() => parseCron({ cron: '0 0 9 * * 5', timeZone: 'UTC' })).toThrow(/5 fields/);
    expect(() => parseCron({ cron: '0 9 * *', timeZone: 'UTC' })).toThrow(/5 fields/);
    expect(() => parseCron({ cron: '0 9 * * 5', timeZone: 'Mars/Olympus' })).toThrow(/IANA time zone/);
    expect(() => parseCron({ cron: '61 9 * * 5', timeZone: 'UTC' })).toThrow();
  });
});

describe('latestFireTime', () => {
  const hourly = { cron: '0 * * * *', timeZone: 'UTC' };

  it('finds the most recent fire time after a long gap', () => {
    expect(iso(latestFireTime(hourly, at('2026-11-01T00:00:00Z'), at('2026-11-27T08:39:14Z')))).toBe(
      '2026-11-27T08:00:00.000Z',
    );
    const yearly = { cron: '0 0 1 1 *', timeZone: 'UTC' };
    expect(iso(latestFireTime(yearly, at('2020-06-01T00:00:00Z'), at('2026-11-27T00:00:00Z')))).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('excludes `since` and includes `until`', () => {
    expect(latestFireTime(hourly, at('2026-11-27T08:00:00Z'), at('2026-11-27T08:59:59Z'))).toBeNull();
    expect(iso(latestFireTime(hourly, at('2026-11-27T08:00:00Z'), at('2026-11-27T09:00:00Z')))).toBe(
      '2026-11-27T09:00:00.000Z',
    );
  });
});

describe('decideScheduledRun', () => {
  const friday = { cron: '0 9 * * 5', timeZone: 'Asia/Tbilisi' };
  const base = { spec: friday, graceMs: 5 * 60_000, lastFiredAt: at('2026-11-20T05:00:00Z') };

  it('waits, naming the next fire time, while nothing is due', () => {
    const decision = decideScheduledRun({ ...base, catchUp: true, now: at('2026-11-26T12:00:00Z') });
    expect(decision).toEqual({ action: 'wait', next: at('2026-11-27T05:00:00Z') });
  });

  it('fires a fire time that has just come, with or without catch-up', () => {
    for (const catchUp of [true, false]) {
      const decision = decideScheduledRun({ ...base, catchUp, now: at('2026-11-27T05:00:20Z') });
      expect(decision).toEqual({ action: 'fire', fireTime: at('2026-11-27T05:00:00Z') });
    }
  });

  it('after downtime, catch-up fires the latest missed run once; without catch-up it skips it', () => {
    // Down from 19 November to 12 December: three Friday runs missed.
    const now = at('2026-12-12T10:00:00Z');
    expect(decideScheduledRun({ ...base, catchUp: true, now })).toEqual({
      action: 'fire',
      fireTime: at('2026-12-11T05:00:00Z'),
    });
    expect(decideScheduledRun({ ...base, catchUp: false, now })).toEqual({
      action: 'skip',
      fireTime: at('2026-12-11T05:00:00Z'),
    });
    // Once handled, nothing is due until the following Friday.
    const after = decideScheduledRun({
      ...base,
      catchUp: true,
      now,
      lastFiredAt: at('2026-12-11T05:00:00Z'),
    });
    expect(after).toEqual({ action: 'wait', next: at('2026-12-18T05:00:00Z') });
  });
});

describe('scheduleJobKey', () => {
  it('names the schedule and the fire time in UTC', () => {
    expect(scheduleJobKey('weekly-digest', at('2026-11-27T05:00:00Z'))).toBe(
      'schedule:weekly-digest:2026-11-27T05:00:00.000Z',
    );
  });
});
