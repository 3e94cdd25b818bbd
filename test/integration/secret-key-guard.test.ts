import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { createServices } from '../../src/web/services.ts';
import { KeyError } from '../../src/crypto/key-error.ts';
import { keyFingerprint, newKeyFile, readKeyFile, writeKeyFile } from '../../src/crypto/secret-key.ts';
import { seal } from '../../src/crypto/sealed-box.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

const RESTORE = 'restore the key file from your backup (it is never stored in the database)';

describe.each(testDatabases)('the secret key on %s', (dialect) => {
  let db: TestDb | undefined;
  let dataDir: string;
  const open: Services[] = [];

  const cleanUp = async () => {
    for (const services of open.splice(0)) await services.close();
    await db?.destroy();
    db = undefined;
  };
  afterEach(cleanUp);

  const start = async (env: Record<string, string> = {}) => {
    const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, cwd: dataDir });
    const services = await createServices(config, { db: db!, changeFeed: false, migrate: false });
    open.push(services);
    return services;
  };
  /** The one line a start that must fail fails with. */
  const refusal = async (env: Record<string, string> = {}) => {
    const error = await start(env).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KeyError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  };
  const fresh = async () => {
    await cleanUp();
    db = await openTestDb(dialect);
    dataDir = join(mkdtempSync(join(tmpdir(), 'samizdat-guard-')), 'data');
  };
  const recorded = async () =>
    JSON.parse(
      (
        await db!.kysely
          .selectFrom('meta')
          .select('value')
          .where('name', '=', 'key_fingerprint')
          .executeTakeFirstOrThrow()
      ).value,
    ) as string;
  /** A database holding what a key protects: a real name and an API key. */
  const withData = async () => {
    const services = await start();
    await services.authors.create({
      name: 'Night Desk',
      bio: '',
      is_pen_name: true,
      real_name: 'Anna Ivanova',
    });
    await services.apiKeys.create({ name: 'bot', role: 'editor' });
    return services;
  };

  it('makes a key, private, for an empty database and records only its fingerprint', async () => {
    await fresh();
    await start();
    const file = join(dataDir, 'secret.key');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readKeyFile(file)!;
    expect(await recorded()).toBe(keyFingerprint(key.master));
    const meta = JSON.stringify(await db!.kysely.selectFrom('meta').selectAll().execute());
    expect(meta).not.toContain(key.master.toString('base64'));
    expect(meta).not.toContain(key.master.toString('hex'));
    // The next start uses the same key.
    const again = await start();
    expect(again.keys.encryption.equals(open[0]!.keys.encryption)).toBe(true);
  });

  it('stops when the key file is missing and the database holds sealed data, and does not replace it', async () => {
    await fresh();
    await withData();
    const file = join(dataDir, 'secret.key');
    const fingerprint = await recorded();
    rmSync(file);
    expect(await refusal()).toBe(
      `${file} is missing but the database holds data sealed with key fingerprint ${fingerprint} (2 rows); ${RESTORE}`,
    );
    expect(existsSync(file)).toBe(false);
    expect(await recorded()).toBe(fingerprint);
  });

  it('stops when the key file holds another key', async () => {
    await fresh();
    await withData();
    const file = join(dataDir, 'secret.key');
    const fingerprint = await recorded();
    const other = newKeyFile();
    writeKeyFile(file, other);
    expect(await refusal()).toBe(
      `${file} holds key fingerprint ${keyFingerprint(other.master)} but the database holds data sealed with key fingerprint ${fingerprint}; ${RESTORE}`,
    );
    // Another key is refused even before any data is sealed: two keys on one database never work.
    await fresh();
    await start();
    writeKeyFile(join(dataDir, 'secret.key'), newKeyFile());
    expect(await refusal()).toMatch(/holds key fingerprint \w+ but the database holds data sealed with/);
  });

  it('stops on a corrupt or exposed key file and leaves it as it was', async () => {
    await fresh();
    await withData();
    const file = join(dataDir, 'secret.key');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.slice(0, 20) + '\n');
    expect(await refusal()).toBe(
      `${file} is not a Samizdat key (expected a line of base64 holding at least 32 bytes); restore it from your backup`,
    );
    expect(readFileSync(file, 'utf8')).toBe(original.slice(0, 20) + '\n');
    writeFileSync(file, original);
    chmodSync(file, 0o644);
    expect(await refusal()).toBe(`${file} is readable by other users (mode 0644); run: chmod 600 ${file}`);
    chmodSync(file, 0o600);
    await start();
  });

  it('makes a new key when the old one is gone but nothing was sealed with it', async () => {
    await fresh();
    // A first-owner setup link is no reason to stop: serve issues a fresh one at every start.
    await (await start()).setupTokens.issueFirstOwnerToken();
    const before = await recorded();
    rmSync(join(dataDir, 'secret.key'));
    await start();
    expect(await recorded()).not.toBe(before);
    expect(await recorded()).toBe(keyFingerprint(readKeyFile(join(dataDir, 'secret.key'))!.master));
  });

  it('refuses a configured SECRET_KEY_FILE that does not exist, even for an empty database', async () => {
    await fresh();
    const file = join(dataDir, 'elsewhere.key');
    expect(await refusal({ SECRET_KEY_FILE: file })).toBe(
      `SECRET_KEY_FILE ${file} does not exist; create it or unset SECRET_KEY_FILE to keep the key in DATA_DIR`,
    );
  });

  it('checks a database sealed before fingerprints were kept by opening its data', async () => {
    await fresh();
    const services = await withData();
    const sealedWith = services.keys.encryption;
    await db!.kysely.deleteFrom('meta').execute();
    const file = join(dataDir, 'secret.key');
    const keep = readFileSync(file, 'utf8');
    writeKeyFile(file, newKeyFile());
    expect(await refusal()).toBe(
      `${file} does not open the data sealed in the database (another key?); ${RESTORE}`,
    );
    rmSync(file);
    expect(await refusal()).toBe(
      `${file} is missing but the database holds data sealed with a key (2 rows); ${RESTORE}`,
    );
    writeFileSync(file, keep, { mode: 0o600 });
    const again = await start();
    expect(again.keys.encryption.equals(sealedWith)).toBe(true);
    expect(await recorded()).toBe(keyFingerprint(readKeyFile(file)!.master));
    expect(seal(sealedWith, 'x')).toMatch(/^v1\./);
  });
});
