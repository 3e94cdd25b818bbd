import type { ArticleService } from '../articles/index.ts';
import type { SiteSettingsStore } from '../settings/index.ts';

/** The settings marker a seed sets while it runs ('started') and when done. */
export const DEMO_SEED_MARKER = 'demo_seed';

/**
 * Whether seedDemoIfEmpty would seed: no article yet, or a seed that was interrupted. Cheap (two
 * small queries), so `serve` asks it before starting a process to seed in.
 */
export async function demoSeedNeeded(services: {
  settings: Pick<SiteSettingsStore, 'marker'>;
  articles: Pick<ArticleService, 'list'>;
}): Promise<boolean> {
  const marker = await services.settings.marker(DEMO_SEED_MARKER);
  const { total: count } = await services.articles.list({ limit: 1 }, {}, { count: true });
  return count === 0 || marker === 'started';
}
