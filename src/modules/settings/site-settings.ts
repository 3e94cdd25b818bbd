import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { parseInput } from '../../lib/parse-input.ts';

/** What the newsroom sets about its publication (the theme reads these; config gives first values). */
export const siteSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(500).default(''),
    descriptions: z.record(z.string(), z.string().max(500)).default({}),
    accent_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a hex colour such as #b3261e' })
      .default('#b3261e'),
    logo_svg: z.string().max(100_000).default(''),
  })
  .strict();

export type SiteSettings = z.output<typeof siteSettingsSchema>;

const KEY = 'site';

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
  let current: SiteSettings = row
    ? siteSettingsSchema.parse(JSON.parse(row.value))
    : siteSettingsSchema.parse({ name: fallbackName });

  return {
    get(): SiteSettings {
      return current;
    },
    async set(input: unknown): Promise<SiteSettings> {
      const next = parseInput(siteSettingsSchema, { ...current, ...(input as object) });
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
    async reload(): Promise<void> {
      const fresh = await db.kysely
        .selectFrom('settings')
        .select('value')
        .where('key', '=', KEY)
        .executeTakeFirst();
      if (fresh) current = siteSettingsSchema.parse(JSON.parse(fresh.value));
    },
  };
}

export type SiteSettingsStore = Awaited<ReturnType<typeof createSiteSettings>>;
