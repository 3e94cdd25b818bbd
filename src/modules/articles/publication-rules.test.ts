import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { decidePublication } from './publication-rules.ts';

const now = new Date('2026-11-27T12:00:00.000Z');

describe('decidePublication', () => {
  it('publishes now, or at a back-dated time for imported archives', () => {
    expect(decidePublication('published', undefined, now)).toEqual({
      status: 'published',
      publishedAt: '2026-11-27T12:00:00.000Z',
    });
    expect(decidePublication('published', '2019-03-01T10:00:00+03:00', now).publishedAt).toBe(
      '2019-03-01T07:00:00.000Z',
    );
  });
  it('schedules only in the future', () => {
    expect(decidePublication('scheduled', '2026-11-28T09:00:00Z', now)).toEqual({
      status: 'scheduled',
      publishedAt: '2026-11-28T09:00:00.000Z',
    });
    expect(() => decidePublication('scheduled', '2026-11-27T11:59:59Z', now)).toThrow(ValidationError);
    expect(() => decidePublication('scheduled', undefined, now)).toThrow(ValidationError);
  });
  it('refuses to "publish" into the future', () => {
    expect(() => decidePublication('published', '2027-01-01T00:00:00Z', now)).toThrow(
      /use status "scheduled"/,
    );
  });
  it('keeps drafts unpublished', () => {
    expect(decidePublication('draft', undefined, now)).toEqual({ status: 'draft', publishedAt: null });
  });
});
