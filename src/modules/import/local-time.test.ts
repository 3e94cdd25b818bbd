import { describe, expect, it } from 'vitest';
import { anyDateToIso, gmtToIso, localToUtc } from './local-time.ts';

describe('export dates to UTC', () => {
  it('reads a zone-less time in the site time zone, across clock changes', () => {
    expect(localToUtc('2019-05-02 14:30:00', 'Europe/Riga')).toBe('2019-05-02T11:30:00.000Z');
    expect(localToUtc('2019-01-02 14:30:00', 'Europe/Riga')).toBe('2019-01-02T12:30:00.000Z');
    expect(localToUtc('2019-05-02 14:30', 'UTC')).toBe('2019-05-02T14:30:00.000Z');
  });

  it("refuses WordPress's never-dated drafts and impossible dates", () => {
    expect(gmtToIso('0000-00-00 00:00:00')).toBeNull();
    expect(localToUtc('2019-13-01 00:00:00', 'UTC')).toBeNull();
    expect(localToUtc('yesterday', 'UTC')).toBeNull();
  });

  it('keeps the zone a date carries and reads one without in the site zone', () => {
    expect(anyDateToIso('Thu, 02 May 2019 12:30:00 +0000', 'Europe/Riga')).toBe('2019-05-02T12:30:00.000Z');
    expect(anyDateToIso('2019-05-02T12:30:00.000+02:00', 'UTC')).toBe('2019-05-02T10:30:00.000Z');
    expect(anyDateToIso('2019-05-02T12:30:00', 'Europe/Riga')).toBe('2019-05-02T09:30:00.000Z');
    expect(anyDateToIso('', 'UTC')).toBeNull();
    expect(anyDateToIso('9999-01-01T00:00:00Z', 'UTC')).toBeNull();
  });
});
