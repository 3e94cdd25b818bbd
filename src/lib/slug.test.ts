import { describe, expect, it } from 'vitest';
import { slugify, slugSchema } from './slug.ts';

describe('slugify', () => {
  it('makes readable ASCII slugs from English and Russian titles', () => {
    expect(slugify('Budget 2027: Who Pays?')).toBe('budget-2027-who-pays');
    expect(slugify('Журналистов снова задержали')).toBe('zhurnalistov-snova-zaderzhali');
    expect(slugify('Café – déjà vu')).toBe('cafe-deja-vu');
  });
  it('makes readable slugs from titles in any script', () => {
    expect(slugify('Η οικονομία της Ελλάδας')).toBe('i-oikonomia-tis-elladas');
    expect(slugify('الاقتصاد في مصر')).toBe('lqtsd-fy-msr');
    expect(slugify('中国经济增长放缓')).toBe('zhong-guo-jing-ji-zeng-chang-fang-huan');
    expect(slugify('საქართველოს ეკონომიკა')).toBe('sakartvelos-ekonomika');
    expect(slugify('Հայաստանի տնտեսություն')).toBe('hayastani-tntesowtyown');
    // Cyrillic keeps its own table: х is kh, ё is e, as in every slug made so far.
    expect(slugify('Ёж и хлеб')).toBe('ezh-i-khleb');
    expect(slugify('Kestavia 中国 2027')).toBe('kestavia-zhong-guo-2027');
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
