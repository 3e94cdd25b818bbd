import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { multiLine, singleLine } from '../../lib/text-schemas.ts';
import { cleanLogoSvg } from './clean-logo-svg.ts';

/** An SVG document: optional XML declaration and comments, then the <svg> root. */
const SVG_ROOT = /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/** Each setting's rule, shared by the stored shape and the update the Admin API accepts. */
const fields = {
  // Every page carries these, so a control character here would be in every page (and feed).
  name: singleLine(200).min(1),
  description: multiLine(500),
  descriptions: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/), multiLine(500), {
    error: (issue) => (issue.code === 'invalid_key' ? 'keys must be language codes such as ru' : undefined),
  }),
  accent_color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a hex colour such as #b3261e' }),
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
  })
  .strict();

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

/** The logo as it may be shown: rebuilt from an allow-list (clean-logo-svg.ts), also when it was
 * stored before cleaning existed. */
const withCleanLogo = (settings: SiteSettings): SiteSettings => ({
  ...settings,
  logo_svg: cleanLogoSvg(settings.logo_svg),
});

/**
 * Settings live in the database and are cached in memory; every process re-reads them at start,
 * and again when another process changes them (the container does, on word from the change feed).
 */
export async function createSiteSettings(db: Db, fallbackName: string, onChange?: () => void) {
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  let current: SiteSettings = withCleanLogo(
    row ? siteSettingsSchema.parse(JSON.parse(row.value)) : siteSettingsSchema.parse({ name: fallbackName }),
  );

  return {
    get(): SiteSettings {
      return current;
    },
    /** Valid settings changed by a valid change are valid: the change was parsed by its route. */
    async set(change: SiteSettingsUpdate): Promise<SiteSettings> {
      const next: SiteSettings = withCleanLogo({
        ...current,
        ...change,
        features: { ...current.features, ...change.features },
      });
      const value = JSON.stringify(next);
      await db.kysely
        .insertInto('settings')
        .values({ key: KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
      current = next;
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
      if (fresh) current = withCleanLogo(siteSettingsSchema.parse(JSON.parse(fresh.value)));
    },
  };
}

export type SiteSettingsStore = Awaited<ReturnType<typeof createSiteSettings>>;
