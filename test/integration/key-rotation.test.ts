import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { createServices } from '../../src/web/services.ts';
import { KeyError } from '../../src/crypto/key-error.ts';
import { rotateKey } from '../../src/crypto/key-rotation.ts';
import { lookupHash, open } from '../../src/crypto/sealed-box.ts';
import { keyFingerprint, readKeyFile } from '../../src/crypto/secret-key.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

const REAL_NAMES = [
  'Anna Ivanova',
  'Boris Petrov',
  'Chen Wei',
  'Dana Novak',
  'Emre Kaya',
  'Farah Aziz',
  'Gita Rao',
];

describe.each(testDatabases)('samizdat key rotate on %s', (dialect) => {
  let db: TestDb;
  let dataDir: string;
  const running: Services[] = [];
  afterEach(async () => {
    for (const services of running.splice(0)) await services.close();
    await db?.destroy();
  });

  const keyFile = () => join(dataDir, 'secret.key');
  /** A start, as `serve` does: the key guard runs. */
  const start = async () => {
    const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd: dataDir });
    const services = await createServices(config, { db, changeFeed: false, migrate: false });
    running.push(services);
    return services;
  };
  const stop = async () => {
    for (const services of running.splice(0)) await services.close();
  };
  /** A newsroom with pen names, an API key and a pending setup link; then stopped. */
  const newsroom = async () => {
    db = await openTestDb(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'samizdat-rotate-'));
    const services = await start();
    for (const [i, realName] of REAL_NAMES.entries())
      await services.authors.create({ name: `Pen ${i}`, bio: '', is_pen_name: true, real_name: realName });
    await services.authors.create({ name: 'Open Byline', bio: '', is_pen_name: false });
    const { key } = await services.apiKeys.create({ name: 'bot', role: 'editor' });
    const setupToken = await services.setupTokens.issueFirstOwnerToken();
    const before = { key, setupToken, encryption: services.keys.encryption, hashing: services.keys.hashing };
    await stop();
    return before;
  };
  const realNames = async (encryption: Buffer) => {
    const rows = await db.kysely
      .selectFrom('authors')
      .select('real_name_sealed')
      .where('real_name_sealed', 'is not', null)
      .execute();
    return rows.map((r) => open(encryption, r.real_name_sealed!)).sort();
  };
  const options = (extra: Partial<Parameters<typeof rotateKey>[1]> = {}) => ({
    configuredFile: undefined,
    dataDir,
    ...extra,
  });

  it('re-seals every real name under a new key, keeps the API key working and survives a restart', async () => {
    const before = await newsroom();
    const oldFingerprint = keyFingerprint(readKeyFile(keyFile())!.master);
    const report = await rotateKey(db, options());
    expect(report).toMatchObject({ from: oldFingerprint, resumed: false, apiKeys: 1, setupTokensExpired: 1 });
    expect(report.resealed.authors).toBe(REAL_NAMES.length + 1);
    expect(existsSync(`${keyFile()}.new`)).toBe(false);
    const after = readKeyFile(keyFile())!;
    expect(keyFingerprint(after.master)).toBe(report.to);
    expect(report.to).not.toBe(oldFingerprint);

    const services = await start(); // the restart: the guard accepts the new key
    expect(services.keys.encryption.equals(before.encryption)).toBe(false);
    expect(await realNames(services.keys.encryption)).toEqual([...REAL_NAMES].sort());
    await expect(realNames(before.encryption)).rejects.toThrow();
    // The API key works, and its row moves to the new hashing key on that use.
    expect((await services.apiKeys.authenticate(before.key)).name).toBe('bot');
    const row = await db.kysely.selectFrom('api_keys').select('token_hash').executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(lookupHash(services.keys.hashing, before.key));
    expect((await services.apiKeys.authenticate(before.key)).name).toBe('bot');
    // The setup link cannot be re-hashed: it expired, and serve issues a new one.
    expect(await services.setupTokens.isValid(before.setupToken)).toBe(false);
  });

  it('resumes a rotation killed halfway and loses nothing', async () => {
    const before = await newsroom();
    const oldFile = readKeyFile(keyFile())!;
    const killed = await rotateKey(
      db,
      options({
        batchSize: 2,
        afterBatch: (done) => {
          if (done >= 4) throw new Error('killed');
        },
      }),
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((killed as Error).message).toBe('killed');
    // Half the rows are sealed with the new key; the key file is still the old one.
    expect(readKeyFile(keyFile())!.master.equals(oldFile.master)).toBe(true);
    expect(existsSync(`${keyFile()}.new`)).toBe(true);
    const refused = await start().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(KeyError);
    expect((refused as Error).message).toBe(
      'a key rotation is unfinished (4 rows re-sealed so far); run `samizdat key rotate` again to finish it',
    );

    const report = await rotateKey(db, options({ batchSize: 2 }));
    expect(report.resumed).toBe(true);
    expect(report.resealed.authors).toBe(REAL_NAMES.length + 1 - 4);
    expect(report.from).toBe(keyFingerprint(oldFile.master));
    const services = await start();
    expect(await realNames(services.keys.encryption)).toEqual([...REAL_NAMES].sort());
    expect((await services.apiKeys.authenticate(before.key)).name).toBe('bot');
    // A second rotation keeps both earlier hashing keys until each API key has moved.
    await stop();
    await rotateKey(db, options());
    expect(readKeyFile(keyFile())!.previousHashing).toHaveLength(2);
    const again = await start();
    expect(await realNames(again.keys.encryption)).toEqual([...REAL_NAMES].sort());
    expect((await again.apiKeys.authenticate(before.key)).name).toBe('bot');
  });

  it('finishes a rotation killed after the key file was swapped but before the database heard of it', async () => {
    await newsroom();
    // Simulate: every row done and the file renamed, then the process died.
    const killed = await rotateKey(db, options()).then((r) => r);
    await db.kysely
      .insertInto('meta')
      .values({
        name: 'key_rotation',
        value: JSON.stringify({ from: killed.from, to: killed.to, table: 99, after: null, done: 8 }),
      })
      .execute();
    await db.kysely
      .updateTable('meta')
      .set({ value: JSON.stringify(killed.from) })
      .where('name', '=', 'key_fingerprint')
      .execute();
    await expect(start()).rejects.toThrow(/key rotation is unfinished/);
    const report = await rotateKey(db, options());
    expect(report).toMatchObject({ from: killed.from, to: killed.to, resumed: true });
    const services = await start();
    expect(await realNames(services.keys.encryption)).toEqual([...REAL_NAMES].sort());
  });

  it('refuses to resume without the new key file, which the re-sealed rows need', async () => {
    await newsroom();
    await rotateKey(
      db,
      options({ batchSize: 2, afterBatch: () => Promise.reject(new Error('killed')) }),
    ).catch(() => {});
    const { rmSync } = await import('node:fs');
    rmSync(`${keyFile()}.new`);
    const error = await rotateKey(db, options()).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KeyError);
    expect((error as Error).message).toMatch(
      /secret\.key\.new is missing, but it is the key 2 rows are already sealed with \(fingerprint [0-9a-f]{32}\); restore it to finish the rotation$/,
    );
  });
});
