import { describe, expect, it } from 'vitest';
import { firstPublication, publicationChange } from './import-status.ts';

const now = new Date('2026-01-10T12:00:00Z');
const past = '2025-05-02T10:00:00.000Z';
const future = '2026-02-01T09:00:00.000Z';

describe('an imported article’s status', () => {
  it('first import: private is a draft, a past schedule is published, a future date is scheduled', () => {
    expect(firstPublication('private', past, now)).toEqual({ status: 'draft', at: past });
    expect(firstPublication('draft', null, now)).toEqual({ status: 'draft' });
    expect(firstPublication('scheduled', past, now)).toEqual({ status: 'published', at: past });
    expect(firstPublication('published', future, now)).toEqual({ status: 'scheduled', at: future });
    expect(firstPublication('published', null, now)).toEqual({ status: 'published' });
  });

  it('re-import: a post made draft, private or trashed at the source is taken down here', () => {
    const published = { status: 'published' as const, publishedAt: past };
    for (const source of ['draft', 'private', 'trashed'] as const)
      expect(publicationChange(published, source, past, now)).toEqual({
        status: 'unpublished',
        publishedAt: past,
      });
    expect(publicationChange({ status: 'scheduled', publishedAt: future }, 'trashed', future, now)).toEqual({
      status: 'draft',
      publishedAt: future,
    });
    // Already not public: nothing to change, so a second run changes nothing either.
    expect(publicationChange({ status: 'unpublished', publishedAt: past }, 'trashed', past, now)).toBeNull();
    expect(publicationChange({ status: 'draft', publishedAt: null }, 'private', null, now)).toBeNull();
  });

  it('re-import: a post published or rescheduled at the source is here too, once', () => {
    expect(publicationChange({ status: 'draft', publishedAt: null }, 'published', past, now)).toEqual({
      status: 'published',
      publishedAt: past,
    });
    expect(publicationChange({ status: 'unpublished', publishedAt: past }, 'published', past, now)).toEqual({
      status: 'published',
      publishedAt: past,
    });
    expect(publicationChange({ status: 'published', publishedAt: past }, 'scheduled', future, now)).toEqual({
      status: 'scheduled',
      publishedAt: future,
    });
    // The same instant written another way is no change.
    expect(
      publicationChange({ status: 'published', publishedAt: '2025-05-02T10:00:00Z' }, 'published', past, now),
    ).toBeNull();
    // No date at the source: a published article keeps its own.
    expect(publicationChange({ status: 'published', publishedAt: past }, 'published', null, now)).toBeNull();
  });
});
