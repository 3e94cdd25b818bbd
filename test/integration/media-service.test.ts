import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../../src/adapters/storage/local-disk-storage.ts';
import type { MediaStorage } from '../../src/adapters/storage/storage.types.ts';
import type { Db } from '../../src/db/connect.ts';
import {
  NotFoundError,
  TooLargeError,
  UnsupportedMediaError,
  ValidationError,
} from '../../src/domain/errors.ts';
import { createMediaService, type MediaService } from '../../src/modules/media/media-service.ts';
import { cameraJpeg, leaksMetadata, photoPixels, pngDeclaring } from '../support/image-fixtures.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';
import { tempDir } from '../support/temp-dir.ts';

const NOW = new Date('2026-11-27T10:00:00.000Z');

let photo: Buffer;
beforeAll(async () => {
  photo = await cameraJpeg(2400, 1600);
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe.each(testDatabases)('media service on %s', (dialect) => {
  let db: TestDb;
  let root: string;
  let storage: LocalDiskStorage;
  let media: MediaService;

  const rowCount = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('media')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeEach(async () => {
    db = await openTestDb(dialect);
    root = tempDir('media');
    storage = new LocalDiskStorage(root);
    media = createMediaService({ db, storage, now: () => NOW });
  });
  afterEach(async () => {
    await db?.destroy();
  });

  it('uploads: stores a cleaned original and variants, then the row', async () => {
    const record = await media.upload({
      bytes: photo,
      filename: 'IMG_0042.jpg',
      caption: '  Protesters outside the court  ',
      credit: 'Anna K. / Samizdat',
      alt: 'A crowd holding placards',
    });
    expect(record).toMatchObject({
      mime: 'image/jpeg',
      width: 2400,
      height: 1600,
      originalKey: `2026/11/${record.id}/original.jpg`,
      caption: 'Protesters outside the court',
      credit: 'Anna K. / Samizdat',
      createdAt: NOW.toISOString(),
    });
    expect(record.variants.map((v) => v.key.split('/').at(-1))).toEqual([
      'w400.webp',
      'w400.jpg',
      'w800.webp',
      'w800.jpg',
      'w1200.webp',
      'w1200.jpg',
      'w2000.webp',
      'w2000.jpg',
    ]);

    const row = await db.kysely
      .selectFrom('media')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ original_key: record.originalKey, width: 2400, caption: record.caption });
    expect(JSON.parse(row.variants)).toEqual(record.variants);
    expect(await media.get(record.id)).toEqual(record);

    // Every file is readable from a fresh storage over the same directory, and clean.
    const reader = new LocalDiskStorage(root);
    const original = await reader.get(record.originalKey);
    expect(original?.contentType).toBe('image/jpeg');
    expect(original?.bytes.length).toBe(record.bytes);
    expect(leaksMetadata(original!.bytes)).toBe(false);
    for (const variant of record.variants) {
      const stored = await reader.get(variant.key);
      const meta = await sharp(stored!.bytes).metadata();
      expect([meta.format, meta.width, meta.height, stored!.bytes.length]).toEqual([
        variant.format,
        variant.width,
        variant.height,
        variant.bytes,
      ]);
      expect(meta.exif).toBeUndefined();
    }
    expect(filesUnder(root)).toHaveLength(9);
  });

  // Bad pages and bad details are refused by the Admin API's routes, which parse the input the
  // service takes typed (media-api.test.ts).
  it('lists newest first with a total', async () => {
    const small = await (await photoPixels(500, 400)).jpeg().toBuffer();
    let clock = Date.parse('2026-11-01T00:00:00Z');
    media = createMediaService({ db, storage, now: () => new Date((clock += 60_000)) });
    const first = await media.upload({ bytes: small });
    const second = await media.upload({ bytes: small });
    expect(await media.list()).toEqual({ items: [second, first], total: 2 });
    expect(await media.list({ limit: 1, offset: 1 })).toEqual({ items: [first], total: 2 });
  });

  it('re-uploading identical bytes makes a new record and leaves the old one intact', async () => {
    const small = await (await photoPixels(600, 400)).jpeg().toBuffer();
    const first = await media.upload({ bytes: small, caption: 'first' });
    const before = await storage.get(first.originalKey);
    const second = await media.upload({ bytes: small, caption: 'second' });
    expect(second.id).not.toBe(first.id);
    expect(await media.get(first.id)).toEqual(first);
    expect((await storage.get(first.originalKey))?.bytes.equals(before!.bytes)).toBe(true);
  });

  it('updates caption, credit and alt', async () => {
    const record = await media.upload({ bytes: await (await photoPixels(500, 400)).jpeg().toBuffer() });
    const updated = await media.updateDetails(systemActor, record.id, {
      credit: 'Photo: Oleg / Agency',
      alt: 'A river',
    });
    expect(updated).toEqual({ ...record, credit: 'Photo: Oleg / Agency', alt: 'A river' });
    expect(await media.updateDetails(systemActor, record.id, {})).toEqual(updated);
    expect(await media.updateDetails(systemActor, record.id, { caption: 'c'.repeat(1000) })).toMatchObject({
      caption: 'c'.repeat(1000),
    });
    expect((await media.get(record.id)).credit).toBe('Photo: Oleg / Agency');
    await expect(media.updateDetails(systemActor, 'no-such-id', { alt: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('deletes the files and the row', async () => {
    const keep = await media.upload({ bytes: await (await photoPixels(500, 400)).jpeg().toBuffer() });
    const gone = await media.upload({ bytes: await (await photoPixels(900, 600)).png().toBuffer() });
    await media.delete(systemActor, gone.id);
    await expect(media.get(gone.id)).rejects.toBeInstanceOf(NotFoundError);
    for (const key of [gone.originalKey, ...gone.variants.map((v) => v.key)]) {
      expect(await storage.get(key)).toBeUndefined();
    }
    expect(filesUnder(root).every((f) => f.includes(keep.id))).toBe(true);
    expect(await media.get(keep.id)).toEqual(keep);
    await expect(media.delete(systemActor, gone.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    [
      'a text file named .jpg',
      async () => ({ bytes: Buffer.from('not a photo'), filename: 'x.jpg' }),
      UnsupportedMediaError,
    ],
    ['a truncated JPEG', async () => ({ bytes: photo.subarray(0, photo.length - 500) }), ValidationError],
    ['a pixel bomb', async () => ({ bytes: await pngDeclaring(30_000, 30_000) }), TooLargeError],
    [
      'a caption that is too long',
      async () => ({ bytes: photo, caption: 'x'.repeat(1001) }),
      ValidationError,
    ],
    ['no bytes at all', async () => ({ bytes: 'hello' }), ValidationError],
  ])('changes nothing for %s', async (_name, input, error) => {
    await expect(media.upload((await input()) as never)).rejects.toBeInstanceOf(error);
    expect(await rowCount()).toBe(0);
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses uploads over the configured byte limit', async () => {
    media = createMediaService({ db, storage, limits: { maxBytes: 1000 } });
    await expect(media.upload({ bytes: photo })).rejects.toBeInstanceOf(TooLargeError);
    expect(await rowCount()).toBe(0);
  });

  it('leaves no row and no files when storage fails midway', async () => {
    let puts = 0;
    const flaky: MediaStorage = {
      ...storage,
      get: (key) => storage.get(key),
      stat: (key) => storage.stat(key),
      delete: (key) => storage.delete(key),
      put: async (key, bytes, type) => {
        if (++puts === 4) throw new Error('disk full');
        await storage.put(key, bytes, type);
      },
    };
    media = createMediaService({ db, storage: flaky });
    await expect(media.upload({ bytes: photo })).rejects.toThrow('disk full');
    expect(await rowCount()).toBe(0);
    expect(filesUnder(root)).toEqual([]);
  });

  it('leaves no broken row when the insert fails after the files were written', async () => {
    const failingInsert: Db = {
      ...db,
      kysely: new Proxy(db.kysely, {
        get(target, prop) {
          if (prop === 'insertInto') {
            return () => {
              throw new Error('simulated crash');
            };
          }
          const value = Reflect.get(target, prop);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    };
    media = createMediaService({ db: failingInsert, storage });
    await expect(media.upload({ bytes: photo })).rejects.toThrow('simulated crash');
    expect(await rowCount()).toBe(0);
    expect(filesUnder(root)).toEqual([]);
  });
});
