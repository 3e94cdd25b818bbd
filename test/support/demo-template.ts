// The demo publication, seeded once per test run and database kind, then copied for each test file
// that asks for it. Seeding draws and encodes every photo and indexes every article: about ten
// seconds per file on PostgreSQL, most of a run's time when thirty files each seeded their own.
// A copy is the same bytes the seed wrote (the SQLite file and DATA_DIR with its key and photos; on
// PostgreSQL the schemas, dumped and restored under a new name), made before any test touched it.
//
// A template belongs to one run (the vitest process, every worker's parent) and to the source it was
// seeded by (a change to src/ or to the seed's options makes a new one). Templates of runs that have
// ended are removed by the next run that builds one.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../src/config/load-config.ts';
import { connect } from '../../src/db/connect.ts';
import type { DialectName } from '../../src/db/dialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { createServices } from '../../src/web/services.ts';
import { tempDir } from './temp-dir.ts';
import { adoptTestDb, migrateLocked, withSchemaLock, type TestDb } from './test-db.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TEMPLATES = join(tmpdir(), 'samizdat-demo-templates');

export interface DemoFlavor {
  /** Settings the seed runs under (the copy must be started with the same). */
  env: Record<string, string>;
  heroWidth: number;
}

let sourceKey: string | undefined;
/** Every file under src/ by path, size and modification time: a change makes a new template. */
function sourceFingerprint(): string {
  if (sourceKey) return sourceKey;
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  walk(join(ROOT, 'src'));
  sourceKey = hash.digest('hex').slice(0, 10);
  return sourceKey;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the templates (folders and PostgreSQL schemas) of runs whose process is gone. */
async function sweep(): Promise<void> {
  mkdirSync(TEMPLATES, { recursive: true });
  for (const name of readdirSync(TEMPLATES)) {
    const pid = Number(/^[a-z]+-(\d+)-/.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(join(TEMPLATES, name), { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  await withSchemaLock('exclusive', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        "SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 't\\_tpl\\_%'",
      );
      for (const { name } of rows) {
        const pid = Number(/^t_tpl_(\d+)_/.exec(name)?.[1]);
        if (pid && !alive(pid)) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      }
    } finally {
      await client.end();
    }
  });
}

/** Seeds the template into `dir`: DATA_DIR in data/, the SQLite file or the schema's name. */
async function build(dir: string, dialect: DialectName, flavor: DemoFlavor, schema: string): Promise<void> {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({
    env: { DATA_DIR: dataDir, SITE_URL: TEST_SITE_URL_FOR_TEMPLATES, LOG_LEVEL: 'silent', ...flavor.env },
    cwd: dataDir,
  });
  const db =
    dialect === 'sqlite'
      ? await connect({ url: join(dir, 'db.sqlite') })
      : await connect({ url: process.env.TEST_DATABASE_URL!, schema });
  try {
    await (dialect === 'postgres' ? migrateLocked(db) : migrateToLatest(db));
    const services = await createServices(config, { db, migrate: false, changeFeed: false });
    try {
      await seedDemoIfEmpty(services, { heroWidth: flavor.heroWidth });
      await services.jobs.runUntilIdle?.();
    } finally {
      await services.close();
    }
  } finally {
    await db.close();
  }
}

/** The site URL every test app runs under (test-app.ts). */
const TEST_SITE_URL_FOR_TEMPLATES = 'https://news.example';

/** The template for this run, built by whichever test file asks first (the others wait for it). */
async function template(dialect: DialectName, flavor: DemoFlavor): Promise<{ dir: string; schema: string }> {
  const flavorKey = createHash('sha256')
    .update(JSON.stringify([flavor, dialect === 'postgres' ? process.env.TEST_DATABASE_URL : '']))
    .digest('hex')
    .slice(0, 8);
  const name = `${dialect === 'sqlite' ? 'sqlite' : 'pg'}-${process.ppid}-${sourceFingerprint()}-${flavorKey}`;
  const dir = join(TEMPLATES, name);
  const schema = `t_tpl_${process.ppid}_${sourceFingerprint()}_${flavorKey}`;
  const ready = join(dir, 'ready');
  if (existsSync(ready)) return { dir, schema };
  mkdirSync(TEMPLATES, { recursive: true });
  let mine = false;
  try {
    mkdirSync(`${dir}.lock`);
    mine = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (mine) {
    try {
      await sweep();
      rmSync(dir, { recursive: true, force: true });
      await build(dir, dialect, flavor, schema);
      writeFileSync(ready, new Date().toISOString());
    } catch (err) {
      rmSync(`${dir}.lock`, { recursive: true, force: true });
      throw err;
    }
    return { dir, schema };
  }
  // Another test file is seeding it: wait (a seed takes seconds; a loaded machine, a minute or two).
  const deadline = Date.now() + 240_000;
  while (!existsSync(ready)) {
    if (!existsSync(`${dir}.lock`))
      throw new Error(`the demo template ${name} failed to build in another test file`);
    if (Date.now() > deadline) throw new Error(`the demo template ${name} was not ready after four minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { dir, schema };
}

/**
 * A copy of the seeded demo: a database this caller owns (destroy() drops it) and a DATA_DIR
 * holding the key and photos the seed wrote (a temp dir, removed with the test file's others).
 */
export async function demoCopy(
  dialect: DialectName,
  flavor: DemoFlavor,
): Promise<{ db: TestDb; dataDir: string }> {
  const { dir, schema } = await template(dialect, flavor);
  const dataDir = tempDir('app');
  cpSync(join(dir, 'data'), dataDir, { recursive: true });
  if (dialect === 'sqlite') {
    const dbDir = tempDir('db');
    const file = join(dbDir, 'test.sqlite');
    copyFileSync(join(dir, 'db.sqlite'), file);
    return { db: await adoptTestDb('sqlite', await connect({ url: file }), { dir: dbDir }), dataDir };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const copy = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const target = new URL(url);
  const args = [
    '-h',
    target.hostname,
    '-p',
    target.port || '5432',
    '-U',
    decodeURIComponent(target.username || 'postgres'),
  ];
  const database = target.pathname.slice(1) || 'postgres';
  const { stdout: dump } = await run(
    'pg_dump',
    [...args, '--no-owner', '--no-privileges', '-n', schema, '-n', `${schema}_jobs`, database],
    {
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, PGPASSWORD: decodeURIComponent(target.password) },
    },
  );
  const sqlFile = join(tempDir('dump'), 'copy.sql');
  writeFileSync(sqlFile, dump.split(schema).join(copy));
  await run('psql', [...args, '-q', '-v', 'ON_ERROR_STOP=1', '-f', sqlFile, database], {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PGPASSWORD: decodeURIComponent(target.password) },
  });
  return {
    db: await adoptTestDb('postgres', await connect({ url, schema: copy }), { schema: copy }),
    dataDir,
  };
}
