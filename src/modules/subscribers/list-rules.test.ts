import { describe, expect, it } from 'vitest';
import { cronProblem, listCreateSchema, listPatchSchema } from './list-rules.ts';

describe('newsletter list rules', () => {
  it('accepts five-field schedules and explains the rest', () => {
    expect(cronProblem('0 9 * * 5')).toBeUndefined();
    expect(cronProblem('30 7 * * 1-5')).toBeUndefined();
    expect(cronProblem('0 9 * *')).toMatch(/five fields/);
    expect(cronProblem('0 9 * * 5 2026')).toMatch(/five fields/);
    expect(cronProblem('61 9 * * 5')).toMatch(/not a schedule/);
    expect(cronProblem('every friday')).toMatch(/five fields|not a schedule/);
  });

  it('validates a new list: slug shape, control characters, the cron', () => {
    expect(
      listCreateSchema.parse({ slug: 'weekly-ka', name: 'Weekly (ka)', schedule_cron: '0 9 * * 5' }),
    ).toMatchObject({
      kind: 'digest',
      language: null,
      is_default: false,
    });
    expect(listCreateSchema.safeParse({ slug: 'Weekly', name: 'x' }).success).toBe(false);
    expect(listCreateSchema.safeParse({ slug: 'a--b', name: 'x' }).success).toBe(false);
    expect(listCreateSchema.safeParse({ slug: 'ok', name: 'a\r\nb' }).success).toBe(false);
    expect(listCreateSchema.safeParse({ slug: 'ok', name: 'x', schedule_cron: '0 25 * * *' }).success).toBe(
      false,
    );
    expect(listPatchSchema.safeParse({ slug: 'renamed' }).success).toBe(false);
    expect(listPatchSchema.parse({ name: 'Friday digest' })).toEqual({ name: 'Friday digest' });
  });
});
