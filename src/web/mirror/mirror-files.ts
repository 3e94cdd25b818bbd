// The mirror folder on disk: every file is written to a temporary name beside it and renamed into
// place, so a reader (nginx, rsync, an IPFS add) sees the old bytes or the new bytes, never part
// of a file. A failure removes its temporary file and says which file and why.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

export class MirrorError extends Error {}

/** The file operations the export uses; tests swap one to fail the way a full disk does. */
export interface MirrorFs {
  writeFile(path: string, data: Buffer | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
}

// A mirror is public by definition: its files are readable by everyone (0644, folders 0755), so a
// web server running as another user can serve them, whatever the umask (samizdat's is 077).
export const nodeMirrorFs: MirrorFs = {
  async writeFile(path, data) {
    await fs.writeFile(path, data);
    await fs.chmod(path, 0o644);
  },
  rename: (from, to) => fs.rename(from, to),
  async mkdir(path) {
    const first = await fs.mkdir(path, { recursive: true });
    if (first === undefined) return;
    // Every folder this call created, from the first one down to `path`.
    for (let dir = path; dir.length >= first.length; dir = dirname(dir)) {
      await fs.chmod(dir, 0o755);
      if (dir === first) break;
    }
  },
  unlink: (path) => fs.unlink(path),
  readFile: (path) => fs.readFile(path),
};

const reason = (err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a path component is a file, not a folder',
    EEXIST: 'a file is in the way',
    EISDIR: 'a folder is in the way',
  };
  return e?.code && known[e.code] ? `${known[e.code]} (${e.code})` : (e?.message ?? String(err));
};

export function describeFsError(err: unknown): string {
  return reason(err);
}

/** Writes `file` (relative, "/"-separated) under `dir` through a temporary file and a rename. */
export async function writeAtomically(io: MirrorFs, dir: string, file: string, data: Buffer | string) {
  const target = join(dir, ...file.split('/'));
  const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.mirror-tmp`);
  try {
    await io.mkdir(dirname(target));
    await io.writeFile(temp, data);
    await io.rename(temp, target);
  } catch (err) {
    await io.unlink(temp).catch(() => {});
    throw new MirrorError(`cannot write ${file} in the mirror folder ${dir}: ${reason(err)}`);
  }
}

/** Removes `file` and then every folder it leaves empty, up to `dir`. */
export async function removeFile(io: MirrorFs, dir: string, file: string): Promise<void> {
  try {
    await io.unlink(join(dir, ...file.split('/')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new MirrorError(`cannot remove ${file} from the mirror folder ${dir}: ${reason(err)}`);
    }
  }
  const parts = file.split('/').slice(0, -1);
  while (parts.length > 0) {
    try {
      await fs.rmdir(join(dir, ...parts));
    } catch {
      return; // not empty (or gone): stop climbing
    }
    parts.pop();
  }
}

/** The mirror folder exists (it is created) and takes a file; a clear error otherwise. */
export async function assertWritable(io: MirrorFs, dir: string): Promise<void> {
  try {
    await io.mkdir(dir);
  } catch (err) {
    throw new MirrorError(`the mirror folder ${dir} cannot be created: ${reason(err)}`);
  }
  const probe = join(dir, `.${randomBytes(6).toString('hex')}.mirror-probe`);
  try {
    await io.writeFile(probe, '');
  } catch (err) {
    throw new MirrorError(`the mirror folder ${dir} is not writable: ${reason(err)}`);
  } finally {
    await io.unlink(probe).catch(() => {});
  }
}

/**
 * One export at a time per folder: a lock file naming the holder's pid. A lock whose process is
 * gone is taken over; a live one is an error.
 */
export async function lockFolder(dir: string): Promise<() => Promise<void>> {
  const lock = join(dir, '.samizdat-mirror.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => fs.unlink(lock).catch(() => {});
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MirrorError(`cannot lock the mirror folder ${dir}: ${reason(err)}`);
      }
      const holder = Number((await fs.readFile(lock, 'utf8').catch(() => '')).trim());
      if (holder && isAlive(holder)) {
        throw new MirrorError(`another export (process ${holder}) is writing the mirror folder ${dir}`);
      }
      await fs.unlink(lock).catch(() => {});
    }
  }
  throw new MirrorError(`cannot lock the mirror folder ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
