import { describe, expect, it } from 'vitest';
import { slugify, slugSchema } from './slug.ts';

describe('slugify', () => {
  it('makes readable ASCII slugs from English and Russian titles', () => {
    expect(slugify('Budget 2027: Who Pays?')).toBe('budget-2027-who-pays');
    expect(slugify('Журналистов снова задержали')).toBe('zhurnalistov-snova-zaderzhali');
    expect(slugify('Café – déjà vu')).toBe('cafe-deja-vu');
  });
  it('returns empty when nothing usable remains and caps the length', () => {
    expect(slugify('!!! 🎉 ???')).toBe('');
    const long = slugify('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(slugSchema.safeParse(long).success).toBe(true);
  });
  it('rejects malformed slugs', () => {
    for (const bad of ['Upper', 'two--hyphens', '-lead', 'trail-', 'sp ace', '../etc', 'a'.repeat(121), '']) {
      expect(slugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
