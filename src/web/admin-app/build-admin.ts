// Builds the admin SPA (admin/ at the repository root) with Vite's JS API into dist/admin/ when
// the output is missing or stale. "Stale" means the hash of what the last build read has changed:
// every file under admin/, the files elsewhere in the repository the bundle imported (the document
// model, the route table; recorded in the output's build.json), and package-lock.json (a new
// React or Vite). `serve` calls this once at start, before any web process loads the files.
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder, hashSources } from './source-hash.ts';

/** The repository root (this file is src/web/admin-app/build-admin.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_SOURCE_DIR = 'admin';
export const ADMIN_OUT_DIR = join(REPO_ROOT, 'dist', 'admin');
export const BUILD_RECORD = 'build.json';

export interface BuildRecord {
  hash: string;
  /** Files outside admin/ the bundle was built from (relative to the root). */
  inputs: string[];
  builtAt: string;
}

export interface EnsureOptions {
  root?: string;
  outDir?: string;
  /** One line when a build starts. */
  progress?: (line: string) => void;
}

function readRecord(outDir: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(join(outDir, BUILD_RECORD), 'utf8')) as BuildRecord;
    if (typeof record.hash !== 'string' || !Array.isArray(record.inputs)) return undefined;
    if (!existsSync(join(outDir, 'index.html'))) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

function sourceFiles(root: string, inputs: string[]): string[] {
  return [...filesUnder(root, ADMIN_SOURCE_DIR), ...inputs, 'package-lock.json'];
}

/** Whether the output in outDir was built from the sources as they are now. */
export function isAdminBuildCurrent(root = REPO_ROOT, outDir = ADMIN_OUT_DIR): boolean {
  const record = readRecord(outDir);
  return !!record && record.hash === hashSources(root, sourceFiles(root, record.inputs));
}

const LOCK_STALE_MS = 5 * 60_000;

/** One build at a time across processes (parallel test files, a second serve). */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lockFile).mtimeMs > LOCK_STALE_MS) rmSync(lockFile, { force: true });
      } catch {
        // gone meanwhile
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

interface ChunkLike {
  type: string;
  moduleIds?: string[];
  modules?: Record<string, unknown>;
}

/** Files outside admin/ and node_modules that the bundle contains. */
function sharedInputs(root: string, output: unknown): string[] {
  const outputs = (Array.isArray(output) ? output : [output]) as { output?: ChunkLike[] }[];
  const found = new Set<string>();
  for (const out of outputs) {
    for (const chunk of out.output ?? []) {
      if (chunk.type !== 'chunk') continue;
      for (const id of chunk.moduleIds ?? Object.keys(chunk.modules ?? {})) {
        const clean = id.replace(/\?.*$/, '');
        if (!clean.startsWith(root + sep)) continue;
        const rel = relative(root, clean).split(sep).join('/');
        if (rel.startsWith('admin/') || rel.includes('node_modules/')) continue;
        found.add(rel);
      }
    }
  }
  return [...found].sort();
}

async function buildInto(root: string, tmpDir: string): Promise<string[]> {
  const { build } = await import('vite');
  const output = await build({
    configFile: join(root, ADMIN_SOURCE_DIR, 'vite.config.ts'),
    root: join(root, ADMIN_SOURCE_DIR),
    logLevel: 'warn',
    build: { outDir: tmpDir, emptyOutDir: true },
  });
  return sharedInputs(root, output);
}

/**
 * Build the admin unless the output is current. Resolves to whether it built. The new output is
 * written beside the old one and swapped in, so a reader never sees half a build.
 */
export async function ensureAdminBuilt(options: EnsureOptions = {}): Promise<boolean> {
  const root = options.root ?? REPO_ROOT;
  const outDir = options.outDir ?? ADMIN_OUT_DIR;
  if (isAdminBuildCurrent(root, outDir)) return false;
  return withLock(`${outDir}.lock`, async () => {
    if (isAdminBuildCurrent(root, outDir)) return false; // another process built it meanwhile
    options.progress?.('building the admin app…');
    const tmpDir = `${outDir}.tmp-${process.pid}`;
    rmSync(tmpDir, { recursive: true, force: true });
    const inputs = await buildInto(root, tmpDir);
    // The hash of what was read, taken after the build: an edit during it makes the next start rebuild.
    const record: BuildRecord = {
      hash: hashSources(root, sourceFiles(root, inputs)),
      inputs,
      builtAt: new Date().toISOString(),
    };
    writeFileSync(join(tmpDir, BUILD_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    const oldDir = `${outDir}.old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, oldDir);
    renameSync(tmpDir, outDir);
    rmSync(oldDir, { recursive: true, force: true });
    return true;
  });
}
