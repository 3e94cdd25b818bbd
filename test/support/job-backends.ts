import type { DialectName } from '../../src/db/dialect.ts';
import { testDatabases } from './test-db.ts';

export type JobBackend = 'embedded' | 'graphile';

/** Every database with every job backend it can run: graphile-worker needs PostgreSQL. */
export const jobBackendCases: Array<[DialectName, JobBackend]> = testDatabases.flatMap(
  (d): Array<[DialectName, JobBackend]> =>
    d === 'postgres'
      ? [
          [d, 'embedded'],
          [d, 'graphile'],
        ]
      : [[d, 'embedded']],
);
