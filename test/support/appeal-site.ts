// The demo site with reader revenue switched on, for the appeal's tests: the appeal's form posts to
// the donations module's real checkout (the TEST rail, the default when no rail is configured).
import type { DialectName } from '../../src/db/dialect.ts';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { startTestApp, type TestApp } from './test-app.ts';

export async function startAppealSite(
  dialect: DialectName = 'sqlite',
  options: { seed?: boolean; now?: () => Date; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const t = await startTestApp(dialect, {
    site: true,
    ...(options.now ? { now: options.now } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  try {
    await t.services.settings.set({ features: { support: true } });
    if (options.seed !== false) {
      await seedDemoIfEmpty(t.services, { heroWidth: 640 });
      await t.services.jobs.runUntilIdle?.();
    }
  } catch (err) {
    await t.close();
    throw err;
  }
  return t;
}
