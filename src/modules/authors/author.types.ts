import { z } from 'zod';
import { slugSchema } from '../../lib/slug.ts';
import { multiLine, singleLine } from '../../lib/text-schemas.ts';
import { translationSlugSchema, translationsSchema } from '../../lib/translations.ts';

/** An author's byline, slug and bio in one other language (a Cyrillic spelling, say). */
export const authorTranslationSchema = z
  .object({
    name: singleLine(200).default(''),
    slug: translationSlugSchema,
    bio: multiLine(5000).default(''),
  })
  .strict();

export const authorCreateSchema = z
  .object({
    name: singleLine(200).min(1),
    slug: slugSchema.optional(),
    bio: multiLine(5000).default(''),
    is_pen_name: z.boolean().default(false),
    /** Write-only: stored encrypted, never returned by any API or page. Only a pen name has one. */
    real_name: singleLine(200).min(1).optional(),
    /** `{ ru: { name, slug, bio } }`; null removes a language. */
    translations: translationsSchema(authorTranslationSchema).optional(),
  })
  .strict();

/**
 * Any field of the create schema, none defaulted (what is not sent stays as it is); `real_name: null`
 * forgets the real name.
 */
export const authorUpdateSchema = authorCreateSchema
  .extend({
    bio: authorCreateSchema.shape.bio.unwrap(),
    is_pen_name: authorCreateSchema.shape.is_pen_name.unwrap(),
    real_name: authorCreateSchema.shape.real_name.unwrap().nullable(),
  })
  .partial();

/** What the create and update operations take: the parsed (typed) request. */
export type AuthorCreate = z.output<typeof authorCreateSchema>;
export type AuthorUpdate = z.output<typeof authorUpdateSchema>;

/** What anyone may see of an author. A pen name's real identity is deliberately absent. */
export interface Author {
  id: string;
  name: string;
  slug: string;
  bio: string;
  isPenName: boolean;
  /** Other languages' fields, loaded by the author service (absent on an article's bylines). */
  translations?: Record<string, AuthorTranslation>;
}

export interface AuthorTranslation {
  name: string;
  slug: string | null;
  bio: string;
}

/** The Admin API's author (snake_case like every Admin API answer). */
export const authorJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  bio: z.string(),
  is_pen_name: z.boolean(),
  translations: z.record(
    z.string(),
    z.object({ name: z.string(), slug: z.string().nullable(), bio: z.string() }),
  ),
});
export type AuthorJson = z.output<typeof authorJsonSchema>;

export function presentAuthor(author: Author): AuthorJson {
  return {
    id: author.id,
    name: author.name,
    slug: author.slug,
    bio: author.bio,
    is_pen_name: author.isPenName,
    translations: author.translations ?? {},
  };
}
