import { z } from 'zod';
import { slugSchema } from '../../lib/slug.ts';
import { multiLine, singleLine } from '../../lib/text-schemas.ts';
import { translationSlugSchema, translationsSchema } from '../../lib/translations.ts';

/** A tag's name, slug and description in one other language; empty fields use the default's. */
export const tagTranslationSchema = z
  .object({
    name: singleLine(120).default(''),
    slug: translationSlugSchema,
    description: multiLine(2000).default(''),
  })
  .strict();

export const tagCreateSchema = z
  .object({
    name: singleLine(120).min(1),
    slug: slugSchema.optional(),
    description: multiLine(2000).default(''),
    /** A section is a tag shown in the site navigation. */
    is_section: z.boolean().default(false),
    nav_order: z.number().int().min(0).max(1000).nullable().default(null),
    /** `{ ru: { name, slug, description } }`; null removes a language. */
    translations: translationsSchema(tagTranslationSchema).optional(),
  })
  .strict();

/** Any field of the create schema, none defaulted: what is not sent stays as it is. */
export const tagUpdateSchema = tagCreateSchema
  .extend({
    description: tagCreateSchema.shape.description.unwrap(),
    is_section: tagCreateSchema.shape.is_section.unwrap(),
    nav_order: tagCreateSchema.shape.nav_order.unwrap(),
  })
  .partial();

/** What the create and update operations take: the parsed (typed) request. */
export type TagCreate = z.output<typeof tagCreateSchema>;
export type TagUpdate = z.output<typeof tagUpdateSchema>;

export interface Tag {
  id: string;
  name: string;
  slug: string;
  description: string;
  isSection: boolean;
  navOrder: number | null;
  /** Other languages' fields, loaded by the tag service (absent on an article's tags). */
  translations?: Record<string, TagTranslation>;
}

export interface TagTranslation {
  name: string;
  slug: string | null;
  description: string;
}

/** The Admin API's tag (snake_case like every Admin API answer). */
export const tagJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  is_section: z.boolean(),
  nav_order: z.number().int().nullable(),
  translations: z.record(
    z.string(),
    z.object({ name: z.string(), slug: z.string().nullable(), description: z.string() }),
  ),
});
export type TagJson = z.output<typeof tagJsonSchema>;

export function presentTag(tag: Tag): TagJson {
  return {
    id: tag.id,
    name: tag.name,
    slug: tag.slug,
    description: tag.description,
    is_section: tag.isSection,
    nav_order: tag.navOrder,
    translations: tag.translations ?? {},
  };
}
