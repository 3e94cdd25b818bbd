// An export's changes are rendered into a staging folder inside the mirror folder
// (`.samizdat-staging/`), never into the live tree. Only when every page rendered does the export
// write its commit record there (one atomic rename: the commit point); then the staged files are
// renamed into place, the removed ones deleted and the manifest brought up to date (a full
// export's new manifest renamed into place, an incremental one's few entries written in one
// transaction), and the staging folder goes. A crash or a full disk before the commit point leaves
// the live mirror exactly as it was (the next export throws the staging folder away); a crash
// after it is finished by the next export before anything else (roll forward: the renames and
// the manifest changes are repeatable). Renaming is cheap, so an incremental export that changes
// 40 files applies them in a few milliseconds; only those files are staged, never a copy of the
// whole tree.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { describeFsError, MirrorError, removeFile, writeAtomically, type MirrorFs } from './mirror-files.ts';
import { manifestHeaderSchema } from './mirror-manifest.ts';
import {
  MANIFEST_FILE,
  OLD_MANIFEST_FILE,
  openManifest,
  type ManifestChanges,
} from './mirror-manifest-store.ts';

export const STAGING_FOLDER = '.samizdat-staging';
const COMMIT_FILE = 'COMMIT.json';
/** A full export's new manifest, in the staging folder until the commit renames it into place. */
export const STAGED_MANIFEST = 'COMMIT.manifest.sqlite';

const entrySchema = z.object({ path: z.string(), hash: z.string(), tags: z.array(z.string()) });
const commitSchema = z.object({
  writes: z.array(z.string()),
  deletes: z.array(z.string()),
  /** "replace": the staged manifest replaces the live one; else the changes to the live one. */
  manifest: z.union([
    z.literal('replace'),
    z.object({
      header: manifestHeaderSchema,
      put: z.array(z.tuple([z.string(), entrySchema])),
      remove: z.array(z.string()),
    }),
  ]),
});
type Commit = z.infer<typeof commitSchema>;
/** What the commit does to the manifest: see Commit. */
export type ManifestCommit = 'replace' | ManifestChanges;

export interface Staging {
  /** Stages `file` (relative, "/"-separated) with `data`; the live tree is not touched. */
  write(file: string, data: Buffer | string): Promise<void>;
  /** Makes the staged files, `deletes` and the manifest's changes the mirror, as one commit. */
  commit(deletes: string[], manifest: ManifestCommit): Promise<void>;
  /** Throws away what was staged (an export that failed before its commit point). */
  discard(): Promise<void>;
}

/** Finishes a committed export a crash interrupted, or throws away an uncommitted one. */
export async function recoverStaging(io: MirrorFs, dir: string): Promise<'finished' | 'discarded' | 'none'> {
  const staging = join(dir, STAGING_FOLDER);
  let text: string;
  try {
    text = (await io.readFile(join(staging, COMMIT_FILE))).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw cannot('read', dir, err);
    const existed = await fs.stat(staging).then(
      () => true,
      () => false,
    );
    await fs.rm(staging, { recursive: true, force: true });
    return existed ? 'discarded' : 'none';
  }
  let commit: Commit;
  try {
    commit = commitSchema.parse(JSON.parse(text));
  } catch {
    // A commit record is renamed into place whole; one that does not parse was not ours to trust.
    await fs.rm(staging, { recursive: true, force: true });
    return 'discarded';
  }
  await apply(io, dir, commit);
  return 'finished';
}

export function createStaging(io: MirrorFs, dir: string): Staging {
  const staging = join(dir, STAGING_FOLDER);
  const writes: string[] = [];
  const made = new Set<string>(); // folders made already: one mkdir each, not one per file
  let committed = false;
  return {
    async write(file, data) {
      const target = join(staging, ...file.split('/'));
      try {
        const folder = dirname(target);
        if (!made.has(folder)) {
          await io.mkdir(folder);
          made.add(folder);
        }
        await io.writeFile(target, data);
      } catch (err) {
        throw new MirrorError(`cannot write ${file} in the mirror folder ${dir}: ${describeFsError(err)}`);
      }
      writes.push(file);
    },
    async commit(deletes, manifest) {
      const commit: Commit = { writes: [...writes].sort(), deletes, manifest };
      // The commit point: the record appears whole (temporary name, then rename) or not at all.
      await writeAtomically(io, staging, COMMIT_FILE, JSON.stringify(commit));
      committed = true;
      await apply(io, dir, commit);
    },
    async discard() {
      // Past the commit point the staged files are the mirror's next state: kept for the roll forward.
      if (!committed) await fs.rm(staging, { recursive: true, force: true });
    },
  };
}

async function apply(io: MirrorFs, dir: string, commit: Commit): Promise<void> {
  const staging = join(dir, STAGING_FOLDER);
  const made = new Set<string>();
  for (const file of commit.writes) {
    const from = join(staging, ...file.split('/'));
    const to = join(dir, ...file.split('/'));
    try {
      if (!made.has(dirname(to))) {
        await io.mkdir(dirname(to));
        made.add(dirname(to));
      }
      await io.rename(from, to);
    } catch (err) {
      // Moved already by the run that crashed after the commit point.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw cannot('move into place', dir, err, file);
    }
  }
  for (const file of commit.deletes) await removeFile(io, dir, file);
  if (commit.manifest === 'replace') {
    try {
      await io.rename(join(staging, STAGED_MANIFEST), join(dir, MANIFEST_FILE));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw cannot('move into place', dir, err, 'the manifest');
    }
  } else {
    const store = openManifest(join(dir, MANIFEST_FILE));
    if (!store) throw new MirrorError(`cannot open the manifest of the mirror folder ${dir}`);
    try {
      store.update(commit.manifest);
    } finally {
      store.close();
    }
  }
  await fs.rm(join(dir, OLD_MANIFEST_FILE), { force: true });
  await fs.rm(staging, { recursive: true, force: true });
}

function cannot(what: string, dir: string, err: unknown, file = 'the staged export'): MirrorError {
  return new MirrorError(`cannot ${what} ${file} in the mirror folder ${dir}: ${describeFsError(err)}`);
}
