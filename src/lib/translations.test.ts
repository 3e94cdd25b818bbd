import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localized, translationSlugSchema, translationsSchema } from './translations.ts';

describe('localized', () => {
  const base = { name: 'Economy', slug: 'economy', description: 'Prices and wages.' };

  it('puts the translated fields over the default ones', () => {
    expect(localized(base, { name: 'Экономика', slug: 'ekonomika', description: 'Цены.' })).toEqual({
      name: 'Экономика',
      slug: 'ekonomika',
      description: 'Цены.',
    });
  });

  it('falls back field by field when a translation is missing or half done', () => {
    expect(localized(base, undefined)).toEqual(base);
    expect(localized(base, { name: 'Экономика', slug: null, description: '' })).toEqual({
      ...base,
      name: 'Экономика',
    });
    expect(localized(base, { name: '   ' })).toEqual(base);
  });
});

describe('translations in a request', () => {
  const schema = translationsSchema(
    z
      .object({
        name: z.string().default(''),
        slug: translationSlugSchema,
        description: z.string().default(''),
      })
      .strict(),
  );

  it('takes languages with optional fields and null to remove one', () => {
    expect(schema.parse({ ru: { name: 'Экономика' }, uk: null })).toEqual({
      ru: { name: 'Экономика', description: '' },
      uk: null,
    });
  });

  it('refuses a bad language code, a bad slug or an unknown field', () => {
    expect(schema.safeParse({ Russian: { name: 'x' } }).success).toBe(false);
    expect(schema.safeParse({ ru: { slug: 'Эко' } }).success).toBe(false);
    expect(schema.safeParse({ ru: { title: 'x' } }).success).toBe(false);
  });
});
