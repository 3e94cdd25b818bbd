// A `samizdat import wordpress` in its own process, for the kill-and-rerun test: the command's own
// function on the real services, against the database the test names, then exit 0. Run with
// `node --import tsx`. (The CLI itself cannot be pointed at a PostgreSQL schema of the test server.)
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { connect } from '../../src/db/connect.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createServices } from '../../src/web/services.ts';
import { importArchive } from '../../src/cli/commands/import.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const db = await connect({
  url: env('CHILD_DB_URL'),
  ...(process.env.CHILD_DB_SCHEMA ? { schema: process.env.CHILD_DB_SCHEMA } : {}),
});
const dataDir = env('CHILD_DATA_DIR');
const config = loadConfig({
  env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
  cwd: dataDir,
});
const services = await createServices(config, { db, changeFeed: false, migrate: false });
const quiet = new Writable({ write: (_c, _e, done) => done() }) as unknown as NodeJS.WriteStream;
const { report } = await importArchive(
  services,
  {
    platform: 'wordpress',
    path: env('CHILD_FILE'),
    download: false,
    reportFile: join(dataDir, `report-${process.pid}.json`),
    // Small batches: the test kills this process while posts are still arriving, as they would
    // be in a large archive, not after the last batch of a small one.
    batchSize: 10,
  },
  quiet,
);
await services.close();
await db.close();
process.stdout.write(JSON.stringify(report.articles));
process.exit(report.errors.length === 0 && !report.fatal ? 0 : 1);
