// The reader-revenue appeal: its amounts, currencies and rails are the donations module's.
import type { JobQueue } from '../adapters/jobs/index.ts';
import type { Mailer } from '../adapters/mail/index.ts';
import { createAppeal, type AppealService } from '../modules/appeal/index.ts';
import type { Donations } from '../modules/donations/index.ts';
import { siteBase, type Context } from './context.ts';

export function buildAppeal(
  { config, db, keys, clock }: Context,
  deps: {
    moneyRules: () => Awaited<ReturnType<Donations['publicRules']>>;
    jobs: JobQueue;
    mailer: Mailer;
    publicationName: () => string;
    clearAll: () => void;
  },
): Promise<AppealService> {
  return createAppeal({
    db,
    moneyRules: deps.moneyRules,
    onChange: deps.clearAll,
    ...clock,
    reminders: {
      keys,
      jobs: deps.jobs,
      mailer: deps.mailer,
      publicationName: deps.publicationName,
      supportUrl: (lang) =>
        `${siteBase(config)}${lang === config.DEFAULT_LANGUAGE ? '' : `/${lang}`}/support`,
    },
  });
}
