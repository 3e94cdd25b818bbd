import { z } from 'zod';
import { slugSchema } from './slug.ts';

// Names, slugs and descriptions of sections, tags and authors in other languages. Every field of
// a translation is optional: what is empty falls back to the default language's, so a missing or
// half-done translation never leaves a page without a name or a link.

/** A language a translation is written in: "ru", "pt-BR". */
export const translationLanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language code such as en or ru' });

/** A translation's slug: unique within its language; omitted, made from the name; null, none. */
export const translationSlugSchema = slugSchema.nullable().optional();

/**
 * `translations: { ru: {...} }` in a request: each language given is replaced whole; `null`
 * removes that language's translation; languages not named stay as they are.
 */
export function translationsSchema<Entry extends z.ZodType>(entry: Entry) {
  return z.record(translationLanguageSchema, entry.nullable());
}

/** The fields of `base` with each non-empty field of `translation` put over it. */
export function localized<T extends Record<string, string>>(
  base: T,
  translation: { [K in keyof T]?: string | null } | undefined,
): T {
  if (!translation) return base;
  const out = { ...base };
  for (const key of Object.keys(base) as Array<keyof T>) {
    const value = translation[key];
    if (typeof value === 'string' && value.trim() !== '') out[key] = value as T[keyof T];
  }
  return out;
}
