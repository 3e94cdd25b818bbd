import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { ValidationError } from '../../domain/errors.ts';
import { interfaceLanguages } from '../../i18n/index.ts';
import { multiLine, singleLine } from '../../lib/text-schemas.ts';
import { cleanLogoSvg } from './clean-logo-svg.ts';
import { mirrorListSchema } from '../../lib/mirror-entries.ts';

/** An SVG document: optional XML declaration and comments, then the <svg> root. */
const SVG_ROOT = /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/** An IANA zone name Intl knows ("Europe/Riga", "UTC"); bare offsets such as "+02:00" are not zones. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Each setting's rule, shared by the stored shape and the update the Admin API accepts. */
const fields = {
  // Every page carries these, so a control character here would be in every page (and feed).
  name: singleLine(200).min(1),
  description: multiLine(500),
  descriptions: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/), multiLine(500), {
    error: (issue) => (issue.code === 'invalid_key' ? 'keys must be language codes such as ru' : undefined),
  }),
  accent_color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a hex colour such as #b3261e' }),
  time_zone: z
    .string()
    .max(100)
    .refine(isTimeZone, { message: 'is not an IANA time zone such as Europe/Riga' }),
  // The default language (config DEFAULT_LANGUAGE) always has its pages at `/`; this lists which
  // other interface languages have theirs under /xx/.
  languages: z
    .array(
      z.string().refine((l) => interfaceLanguages.includes(l), { message: 'is not an interface language' }),
    )
    .max(50)
    .refine((ls) => new Set(ls).size === ls.length, { message: 'lists a language twice' }),
  // Null until the newsroom saves a list: then the MIRRORS configuration setting is used.
  mirrors: mirrorListSchema.nullable(),
  logo_svg: multiLine(100_000).refine((v) => v.trim() === '' || SVG_ROOT.test(v), {
    message: 'must be an SVG document (starting with <svg>), or empty for the name in text',
  }),
};

/**
 * Reader-facing features the newsroom switches on: the newsletter signup (with its preview and
 * privacy links) and the support banner. Off by default, so a new site links nothing it does not
 * answer; the theme also shows a feature only when the site has its routes (site/feature-routes.ts).
 */
const features = z
  .object({ newsletter: z.boolean().default(false), support: z.boolean().default(false) })
  .strict();
/** A change to some features; what is not named stays as it is. */
const featuresUpdate = z.object({ newsletter: z.boolean(), support: z.boolean() }).partial().strict();

/** What the newsroom sets about its publication (the theme reads these; config gives first values). */
export const siteSettingsSchema = z
  .object({
    name: fields.name,
    description: fields.description.default(''),
    descriptions: fields.descriptions.default({}),
    accent_color: fields.accent_color.default('#b3261e'),
    logo_svg: fields.logo_svg.default(''),
    features: features.default({ newsletter: false, support: false }),
    time_zone: fields.time_zone,
    languages: fields.languages,
    mirrors: fields.mirrors.default(null),
  })
  .strict();

/**
 * As kept in the database: the time zone and languages are absent until the newsroom sets them,
 * and then come from config (TIMEZONE) and the interface catalogues.
 */
const storedSettingsSchema = siteSettingsSchema.extend({
  time_zone: fields.time_zone.optional(),
  languages: fields.languages.optional(),
});
type StoredSettings = z.output<typeof storedSettingsSchema>;

/** A change to some settings; what is not named stays as it is. */
export const siteSettingsUpdateSchema = z
  .object({ ...fields, features: featuresUpdate })
  .partial()
  .strict();

export type SiteSettings = z.output<typeof siteSettingsSchema>;
/** What `set` takes: the parsed (typed) change. */
export type SiteSettingsUpdate = z.output<typeof siteSettingsUpdateSchema>;

const KEY = 'site';
/** A marker's row; stored under its bare name (installations already hold "demo_seed"). */
const markerKey = (name: string) => {
  if (name === KEY) throw new Error(`"${KEY}" is the settings row, not a marker`);
  return name;
};

export interface SiteSettingsDefaults {
  /** The publication's name before one is set (config PUBLICATION_NAME). */
  name: string;
  /** Config TIMEZONE: the time zone until one is set. */
  timeZone: string;
  /** Config DEFAULT_LANGUAGE: its pages are at `/`, so it is never among `languages`. */
  defaultLanguage: string;
}

/** The interface languages other than the default one (the default's base: "en" for "en-GB"). */
export function otherInterfaceLanguages(defaultLanguage: string): string[] {
  const base = defaultLanguage.toLowerCase().split('-')[0];
  return interfaceLanguages.filter((l) => l !== base);
}

/**
 * Settings live in the database and are cached in memory; every process re-reads them at start,
 * and again when another process changes them (the container does, on word from the change feed).
 */
export async function createSiteSettings(db: Db, defaults: SiteSettingsDefaults, onChange?: () => void) {
  const others = otherInterfaceLanguages(defaults.defaultLanguage);
  /**
   * The settings as shown: the logo rebuilt from an allow-list (clean-logo-svg.ts), also when it
   * was stored before cleaning existed; the time zone and languages filled in from their defaults.
   * A catalogue language that is the default (config changed since) is dropped from `languages`.
   */
  const resolve = (stored: StoredSettings): SiteSettings => ({
    ...stored,
    logo_svg: cleanLogoSvg(stored.logo_svg),
    time_zone: stored.time_zone ?? defaults.timeZone,
    languages: (stored.languages ?? others).filter((l) => others.includes(l)),
  });
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  let stored: StoredSettings = row
    ? storedSettingsSchema.parse(JSON.parse(row.value))
    : storedSettingsSchema.parse({ name: defaults.name });
  let current: SiteSettings = resolve(stored);

  return {
    get(): SiteSettings {
      return current;
    },
    /** What `languages` may list: the interface languages but the default (whose pages are at /). */
    languageChoices(): { default_language: string; languages: string[] } {
      return { default_language: defaults.defaultLanguage, languages: [...others] };
    },
    /** Valid settings changed by a valid change are valid: the change was parsed by its route. */
    async set(change: SiteSettingsUpdate): Promise<SiteSettings> {
      const wrong = change.languages?.filter((l) => !others.includes(l)) ?? [];
      if (wrong.length > 0) {
        throw new ValidationError(`${wrong.join(', ')}: the default language has its pages at /`, {
          field: 'languages',
          default_language: defaults.defaultLanguage,
        });
      }
      const next: StoredSettings = {
        ...stored,
        ...change,
        logo_svg: cleanLogoSvg(change.logo_svg ?? stored.logo_svg),
        features: { ...stored.features, ...change.features },
      };
      const value = JSON.stringify(next);
      await db.kysely
        .insertInto('settings')
        .values({ key: KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
      stored = next;
      current = resolve(next);
      onChange?.();
      return current;
    },
    /**
     * Installation markers (the demo seed's progress, say): small JSON values kept beside the
     * settings, never shown to readers.
     */
    async marker(name: string): Promise<unknown> {
      const found = await db.kysely
        .selectFrom('settings')
        .select('value')
        .where('key', '=', markerKey(name))
        .executeTakeFirst();
      return found ? JSON.parse(found.value) : undefined;
    },
    async setMarker(name: string, value: unknown): Promise<void> {
      const json = JSON.stringify(value);
      await db.kysely
        .insertInto('settings')
        .values({ key: markerKey(name), value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    },
    async reload(): Promise<void> {
      const fresh = await db.kysely
        .selectFrom('settings')
        .select('value')
        .where('key', '=', KEY)
        .executeTakeFirst();
      if (fresh) {
        stored = storedSettingsSchema.parse(JSON.parse(fresh.value));
        current = resolve(stored);
      }
    },
  };
}

export type SiteSettingsStore = Awaited<ReturnType<typeof createSiteSettings>>;
