import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { MediaStorage, StoredObject, StoredObjectInfo } from './storage.types.ts';
import {
  assertValidStorageKey,
  contentTypeForKey,
  InvalidStorageKeyError,
  isValidStorageKey,
  sameContentType,
} from './storage-key.ts';

/**
 * Media on the local file system: the harmless default. Each key is a file under `root`; the
 * content type is derived from the key's extension, so a key must end in an extension that
 * matches the type it is stored with. Writes go to a temporary file that is flushed and then
 * renamed over the target, so a crash or a concurrent reader never sees half a file.
 */
export class LocalDiskStorage implements MediaStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const path = this.pathFor(key);
    const derived = contentTypeForKey(key);
    if (!sameContentType(derived, contentType)) {
      throw new Error(`local disk storage would serve "${key}" as ${derived}, not ${contentType}`);
    }
    const dir = dirname(path);
    // Temporary names start with a dot, which no valid key segment may, so they never collide.
    const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    for (let attempt = 1; ; attempt++) {
      await mkdir(dir, { recursive: true });
      try {
        await writeFlushed(temp, bytes);
        break;
      } catch (err) {
        // A concurrent delete may have pruned the (then empty) directory between mkdir and open.
        if (errorCode(err) === 'ENOENT' && attempt < 3) continue;
        throw err;
      }
    }
    try {
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    await flushDirectory(dir);
  }

  async get(key: string): Promise<StoredObject | undefined> {
    if (!isValidStorageKey(key)) return undefined;
    try {
      const bytes = await readFile(this.pathFor(key));
      return { bytes, contentType: contentTypeForKey(key) };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async stat(key: string): Promise<StoredObjectInfo | undefined> {
    if (!isValidStorageKey(key)) return undefined;
    try {
      const info = await stat(this.pathFor(key), { bigint: true });
      if (!info.isFile()) return undefined;
      // Every put creates a new inode, so inode + size + mtime changes whenever the bytes do.
      const etag = `"${[info.ino, info.size, info.mtimeNs].map((n) => n.toString(36)).join('-')}"`;
      return { size: Number(info.size), contentType: contentTypeForKey(key), etag };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathFor(key);
    await rm(path, { force: true });
    // Prune directories the deletion left empty (YYYY/MM/<id>/), never the root itself.
    for (let dir = dirname(path); dir.startsWith(this.root + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
  }

  /** The file for a key; throws InvalidStorageKeyError for anything that could leave the root. */
  private pathFor(key: string): string {
    assertValidStorageKey(key);
    const path = resolve(this.root, ...key.split('/'));
    // Belt and braces: the key rules already exclude every way out of the root.
    if (!path.startsWith(this.root + sep)) throw new InvalidStorageKeyError(key);
    return path;
  }
}

async function writeFlushed(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(path, { force: true });
    throw err;
  }
  await handle.close();
}

/** Makes the rename itself durable; not every platform lets a directory be opened, so best effort. */
async function flushDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignored: durability of the directory entry is an optimisation, not a correctness rule
  }
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function isMissing(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
