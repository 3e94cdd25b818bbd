import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../../src/adapters/storage/local-disk-storage.ts';
import { connect, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { createMediaService } from '../../src/modules/media/media-service.ts';
import { cameraJpeg } from '../support/image-fixtures.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

// Whoever seizes the database must not be able to prove that a given file (a photo from a
// source's phone) was uploaded: no digest of the bytes as uploaded may be stored anywhere.

let upload: Buffer;
let digests: string[];
let rawDigests: Buffer[];
beforeAll(async () => {
  upload = await cameraJpeg(900, 600);
  rawDigests = ['sha256', 'sha1', 'md5', 'sha512'].map((a) => createHash(a).update(upload).digest());
  digests = rawDigests.flatMap((d) => [d.toString('hex'), d.toString('base64'), d.toString('base64url')]);
});

/** Every value of every column of every table, as text. */
async function everyValue(db: Db): Promise<string[]> {
  const tables =
    db.dialect === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema()`.execute(db.kysely)
        ).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db.kysely))
          .rows;
  const values: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db.kysely);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        values.push(Buffer.isBuffer(value) ? value.toString('hex') : String(value));
      }
    }
  }
  return values;
}

function expectNoDigestIn(values: string[]): void {
  const all = values.join('\n').toLowerCase();
  for (const digest of digests) expect(all).not.toContain(digest.toLowerCase());
}

/** The SQLite file and its write-ahead log, as bytes on disk (what a seizure takes). */
function sqliteFiles(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

/** The digests found in `bytes` (as text or raw), so a failure names them instead of dumping pages. */
function digestsIn(bytes: Buffer): string[] {
  const latin = bytes.toString('latin1').toLowerCase();
  return [
    ...digests.filter((d) => latin.includes(d.toLowerCase())),
    ...rawDigests.filter((raw) => bytes.includes(raw)).map((raw) => `raw ${raw.toString('hex')}`),
  ];
}

function expectNoDigestInFile(bytes: Buffer): void {
  expect(digestsIn(bytes)).toEqual([]);
}

describe.each(testDatabases)('no hash of an upload on %s', (dialect) => {
  let db: TestDb | undefined;
  afterEach(async () => db?.destroy());

  it('an upload leaves no sha256, sha1, md5 or sha512 of its bytes in any column', async () => {
    db = await openTestDb(dialect);
    const storage = new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'samizdat-nohash-')));
    const record = await createMediaService({ db, storage }).upload({ bytes: upload, caption: 'x' });
    const values = await everyValue(db);
    expect(values).toContain(record.id); // the scan does read the media table
    expectNoDigestIn(values);
  });
});

describe('no hash of an upload in the SQLite file', () => {
  it('an upload leaves no digest of its bytes in the database file or its log', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'samizdat-nohash-')), 'db.sqlite');
    const db = await connect({ url: file });
    await migrateToLatest(db);
    const storage = new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'samizdat-nohash-')));
    await createMediaService({ db, storage }).upload({ bytes: upload });
    expectNoDigestInFile(sqliteFiles(file));
    await db.close();
    expectNoDigestInFile(sqliteFiles(file));
  });

  it('the migration erases the hashes stored before it, from the rows and from the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'samizdat-nohash-')), 'db.sqlite');
    const db = await connect({ url: file });
    const { before, last } = upToHashDrop();
    for (const m of before) await m.up(db.kysely, 'sqlite');
    const stored = rawDigests[0]!.toString('hex');
    await sql`insert into media (id, mime, width, height, bytes, sha256, original_key, variants, created_at)
      values ('m1', 'image/jpeg', 900, 600, 1, ${stored}, 'k', '[]', '2026-01-01')`.execute(db.kysely);
    expect(digestsIn(sqliteFiles(file))).toContain(stored); // the old world
    await last.up(db.kysely, 'sqlite');
    await last.up(db.kysely, 'sqlite'); // re-runnable
    expect(await everyValue(db)).toContain('m1');
    expectNoDigestIn(await everyValue(db));
    expectNoDigestInFile(sqliteFiles(file));
    await db.close();
    expectNoDigestInFile(sqliteFiles(file));
  });
});

/** The migrations before the one that drops the upload hash, and that one. */
function upToHashDrop() {
  const at = migrations.findIndex((m) => m.name === '2026-11-29T1500-drop-media-upload-hash');
  expect(at).toBeGreaterThan(0);
  return { before: migrations.slice(0, at), last: migrations[at]! };
}

describe.each(testDatabases.filter((d) => d === 'postgres'))('the migration on %s', (dialect) => {
  it('drops the column and its values', async () => {
    const db = await openTestDb(dialect, { migrate: false });
    try {
      const { before, last } = upToHashDrop();
      for (const m of before) await m.up(db.kysely, dialect);
      const stored = rawDigests[0]!.toString('hex');
      await sql`insert into media (id, mime, width, height, bytes, sha256, original_key, variants, created_at)
        values ('m1', 'image/jpeg', 900, 600, 1, ${stored}, 'k', '[]', '2026-01-01')`.execute(db.kysely);
      await last.up(db.kysely, dialect);
      await last.up(db.kysely, dialect);
      expect(await everyValue(db)).toContain('m1');
      expectNoDigestIn(await everyValue(db));
    } finally {
      await db.destroy();
    }
  });
});
