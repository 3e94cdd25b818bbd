import { mkdtempSync, readdirSync, existsSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './local-disk-storage.ts';
import { InvalidStorageKeyError } from './storage-key.ts';

let parent: string;
let root: string;
let storage: LocalDiskStorage;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'samizdat-storage-'));
  root = join(parent, 'media');
  storage = new LocalDiskStorage(root);
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

/** Every file under a directory, relative to it. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('LocalDiskStorage', () => {
  it('stores, reads back, stats and deletes an object', async () => {
    const bytes = Buffer.from('fake jpeg bytes');
    await storage.put('2026/11/abc/original.jpg', bytes, 'image/jpeg');
    expect(await storage.get('2026/11/abc/original.jpg')).toEqual({ bytes, contentType: 'image/jpeg' });
    const info = await storage.stat('2026/11/abc/original.jpg');
    expect(info).toMatchObject({ size: bytes.length, contentType: 'image/jpeg' });
    expect(info?.etag).toMatch(/^"[0-9a-z-]+"$/);

    await storage.delete('2026/11/abc/original.jpg');
    expect(await storage.get('2026/11/abc/original.jpg')).toBeUndefined();
    expect(await storage.stat('2026/11/abc/original.jpg')).toBeUndefined();
    // The empty YYYY/MM/<id> directories are pruned, the root is kept.
    expect(readdirSync(root)).toEqual([]);
  });

  it('treats missing objects as absent and deleting them as a no-op', async () => {
    expect(await storage.get('nope/x.png')).toBeUndefined();
    await expect(storage.delete('nope/x.png')).resolves.toBeUndefined();
    await storage.put('dir/x.png', Buffer.from('x'), 'image/png');
    expect(await storage.get('dir')).toBeUndefined(); // a directory is not an object
    expect(await storage.get('dir/x.png/y.png')).toBeUndefined();
  });

  it('refuses a content type the key extension would contradict', async () => {
    await expect(storage.put('a/x.jpg', Buffer.from('x'), 'text/html')).rejects.toThrow(/image\/jpeg/);
    expect(listFiles(parent)).toEqual([]);
  });

  const escapes = [
    '../escape.txt',
    '../../escape.txt',
    'a/../../escape.txt',
    '/tmp/escape.txt',
    '/etc/passwd',
    '..\\escape.txt',
    'a\0.txt',
    '.hidden.txt',
    '',
  ];

  it.each(escapes)('never writes outside the root for %j', async (key) => {
    await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(await storage.get(key)).toBeUndefined();
    expect(await storage.stat(key)).toBeUndefined();
    expect(listFiles(parent)).toEqual([]);
  });

  it('cannot be tricked into reading a file beside the root', async () => {
    writeFileSync(join(parent, 'secret.txt'), 'top secret');
    mkdirSync(root, { recursive: true });
    expect(await storage.get('../secret.txt')).toBeUndefined();
    expect(await storage.get('a/../../secret.txt')).toBeUndefined();
  });

  it('overwrites atomically: readers see the old bytes or the new, never a mix', async () => {
    const a = Buffer.alloc(4 * 1024 * 1024, 0x61);
    const b = Buffer.alloc(4 * 1024 * 1024, 0x62);
    await storage.put('k/blob.txt', a, 'text/plain');
    const before = await storage.stat('k/blob.txt');
    const reads: Array<Promise<Buffer | undefined>> = [];
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 10; i++) {
      writes.push(storage.put('k/blob.txt', i % 2 ? a : b, 'text/plain'));
      reads.push(storage.get('k/blob.txt').then((o) => o?.bytes));
    }
    await Promise.all(writes);
    for (const bytes of await Promise.all(reads)) {
      expect(bytes?.length).toBe(a.length);
      expect(bytes?.equals(a) || bytes?.equals(b)).toBe(true);
    }
    expect((await storage.stat('k/blob.txt'))?.etag).not.toBe(before?.etag);
    // No temporary files are left behind.
    expect(listFiles(root)).toEqual(['k/blob.txt']);
  });

  it('ignores a temporary file left by a crashed write', async () => {
    await storage.put('k/photo.png', Buffer.from('complete'), 'image/png');
    writeFileSync(join(root, 'k', '.photo.png.deadbeef.tmp'), 'half');
    expect((await storage.get('k/photo.png'))?.bytes.toString()).toBe('complete');
    expect(await storage.get('k/.photo.png.deadbeef.tmp')).toBeUndefined();
  });
});
