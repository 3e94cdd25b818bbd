// Shapes of the demo content. Every object is strict, so a misspelt field name or an unknown
// theme fails at import time (index.ts parses everything) and in the tests.
import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const slug = z.string().regex(SLUG_PATTERN, 'lowercase ASCII words joined by single hyphens');
const text = z.string().trim().min(1);

/** Palette and motif hints understood by renderHeroArt. Unknown themes fall back to `dusk` there. */
export const HERO_THEMES = ['dusk', 'steel', 'lake', 'forest', 'ember', 'paper', 'night', 'frost'] as const;
export const HeroThemeSchema = z.enum(HERO_THEMES);
export type HeroTheme = z.infer<typeof HeroThemeSchema>;

export const DemoPublicationSchema = z.strictObject({
  name: text,
  /** The name as it is written in Russian-language pages. */
  nameRu: text,
  tagline: z.strictObject({ en: text, ru: text }),
  /** Two or three sentences for the About page and feeds. */
  about: z.strictObject({ en: text, ru: text }),
  /** #rrggbb */
  accentColor: z.string().regex(/^#[0-9a-f]{6}$/i),
  /** A self-contained SVG document (no scripts, no external references). */
  logoSvg: z
    .string()
    .startsWith('<svg')
    .refine((s) => !/<script|\son[a-z]+\s*=|href\s*=\s*["']https?:/i.test(s), 'logo must be inert'),
});
export type DemoPublication = z.infer<typeof DemoPublicationSchema>;

export const DemoAuthorSchema = z
  .strictObject({
    slug,
    name: text,
    bio: text,
    isPenName: z.boolean(),
    /** Only for pen names. Never rendered: the seeding code stores it sealed (encrypted). */
    realName: text.optional(),
    /** The byline and bio on Russian pages (Cyrillic); the slug is made from the name. */
    ru: z.strictObject({ name: text, bio: text }).optional(),
    role: text.optional(),
    /** Invented, in Signal's format; a demo reader who tries it reaches nobody. */
    signalUsername: text.optional(),
    pgpFingerprint: z
      .string()
      .regex(/^[0-9A-F]{40}$/)
      .optional(),
    /** A generated portrait (portrait-art.ts) and its alt text. */
    portrait: z.strictObject({ seed: z.number().int(), alt: text }).optional(),
  })
  .refine((a) => !a.isPenName || (!a.portrait && !a.signalUsername && !a.pgpFingerprint && !a.role), {
    message: 'the demo shows no portrait, role or contact for a pen name',
  })
  .refine(
    (a) => (a.isPenName ? a.realName !== undefined && a.realName !== a.name : a.realName === undefined),
    {
      message: 'a pen name needs a realName that differs from it; other authors must not have one',
    },
  );
export type DemoAuthor = z.infer<typeof DemoAuthorSchema>;

export const DemoTagSchema = z.strictObject({
  slug,
  name: text,
  description: text,
  /** The name, address and description on Russian pages. */
  ru: z.strictObject({ name: text, slug, description: text }).optional(),
});
export type DemoTag = z.infer<typeof DemoTagSchema>;

/** A section is a tag flagged for navigation; navOrder sorts the menu. */
export const DemoSectionSchema = DemoTagSchema.extend({ navOrder: z.number().int().min(1) });
export type DemoSection = z.infer<typeof DemoSectionSchema>;

export const DemoHeroSchema = z.strictObject({
  seed: z.number().int().nonnegative(),
  theme: HeroThemeSchema,
  caption: text,
  credit: text,
  alt: text,
});
export type DemoHero = z.infer<typeof DemoHeroSchema>;

export const DemoArticleSchema = z.strictObject({
  slug,
  language: z.enum(['en', 'ru']),
  title: text,
  standfirst: text,
  bodyHtml: text,
  authorSlugs: z.array(slug).min(1),
  /** The first tag is the article's section. */
  tagSlugs: z.array(slug).min(1),
  /** Hours before "now" at seeding time. Negative means scheduled for the future. */
  hoursAgo: z.number().finite(),
  hero: DemoHeroSchema,
  /** Articles sharing a key are translations of each other. */
  translationKey: slug.optional(),
});
export type DemoArticle = z.infer<typeof DemoArticleSchema>;
