import { z } from 'zod';
import { slugSchema } from '../../lib/slug.ts';
import { multiLine, singleLine } from '../../lib/text-schemas.ts';
import { canonicalFingerprint, signalUsernameProblem } from './author-contact.ts';

/** The id of one of our own uploads (POST /media), shown as the author's portrait; null for none. */
const portraitMediaId = singleLine(64).min(1).nullable();

/** A Signal username ("anna_k.42", author-contact.ts has the rules); null for none. */
const signalUsername = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = signalUsernameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .nullable();

/** A PGP key fingerprint as people paste it, kept as 40 uppercase hex digits; null for none. */
const pgpFingerprint = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const canonical = canonicalFingerprint(value);
    if (canonical === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a PGP key fingerprint: 40 hex digits (spaces and colons allowed)',
      });
      return z.NEVER;
    }
    return canonical;
  })
  .nullable();
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
    portrait_media_id: portraitMediaId.default(null),
    /** The author's job title ("Economics editor"). */
    role: singleLine(120).default(''),
    signal_username: signalUsername.default(null),
    pgp_fingerprint: pgpFingerprint.default(null),
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
    portrait_media_id: portraitMediaId,
    role: authorCreateSchema.shape.role.unwrap(),
    signal_username: signalUsername,
    pgp_fingerprint: pgpFingerprint,
  })
  .partial();

/** What the create and update operations take: the parsed (typed) request. */
type Extras = 'portrait_media_id' | 'role' | 'signal_username' | 'pgp_fingerprint';
/** The page extras may be left out when the operation is called directly (the demo seed). */
export type AuthorCreate = Omit<z.output<typeof authorCreateSchema>, Extras> &
  Partial<Pick<z.output<typeof authorCreateSchema>, Extras>>;
export type AuthorUpdate = z.output<typeof authorUpdateSchema>;

/** What anyone may see of an author. A pen name's real identity is deliberately absent. */
export interface Author {
  id: string;
  name: string;
  slug: string;
  bio: string;
  isPenName: boolean;
  /** Set only when the newsroom chose to show them (a pen name too, if it wants). */
  portraitMediaId: string | null;
  role: string;
  signalUsername: string | null;
  /** 40 uppercase hex digits. */
  pgpFingerprint: string | null;
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
  portrait_media_id: z.string().nullable(),
  role: z.string(),
  signal_username: z.string().nullable(),
  pgp_fingerprint: z.string().nullable(),
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
    portrait_media_id: author.portraitMediaId,
    role: author.role,
    signal_username: author.signalUsername,
    pgp_fingerprint: author.pgpFingerprint,
    translations: author.translations ?? {},
  };
}
