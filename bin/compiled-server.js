// The server's TypeScript compiled to JavaScript once, so a running process needs no loader.
//
// tsx's loader costs every process about 55 MB resident: Node runs module hooks in a thread of
// their own (a second V8 isolate for the life of the process), the hooks keep esbuild loaded
// there, esbuild keeps a service process beside it, and each module's source is held with an
// inline source map. So `samizdat` compiles src/ into dist-server/ (a sibling of src/, so paths
// relative to a file, like ../../../themes, mean the same there) when it is missing or older
// than the sources, in a child process that exits when done, and then runs plain JavaScript.
// Each .ts file becomes a .js file with its relative imports renamed; every source file is also
// copied as it is (the appeal script is bundled from its .ts, the password list read beside its
// module). If compiling fails, the command runs through tsx as before and says so.
//
// Usage: node bin/compiled-server.js --compile   (what `samizdat` runs when the output is stale)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
export const OUT_DIR = join(ROOT, 'dist-server');
const RECORD = '.build.json';
/** Changes whenever the output's shape does, so an older dist-server is compiled again. */
const FORMAT = 1;
const LOCK_STALE_MS = 120_000;

/** Every file under src/ but tests: what the output is made from. */
function sourceFiles(dir = SRC, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(abs, out);
    else if (entry.isFile() && !entry.name.endsWith('.test.ts')) out.push(abs);
  }
  return out;
}

/** Names, sizes and modification times of the sources: any edit, addition or removal changes it. */
export function sourceFingerprint(files = sourceFiles()) {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  for (const file of files.sort()) {
    const stat = statSync(file);
    hash.update(`${relative(SRC, file).split(sep).join('/')} ${stat.size} ${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function recordedFingerprint() {
  try {
    return JSON.parse(readFileSync(join(OUT_DIR, RECORD), 'utf8')).fingerprint;
  } catch {
    return undefined;
  }
}

/** `from "./x.ts"`, `import("../y.ts")`, `import "./z.ts"` as esbuild writes them: .js instead. */
const RELATIVE_TS_IMPORT = /((?:\bfrom|\bimport)\s*\(?\s*")(\.{1,2}\/[^"]+)\.ts(")/g;

export function renameImports(code) {
  return code.replace(RELATIVE_TS_IMPORT, '$1$2.js$3');
}

async function compileInto(target) {
  const { transformSync, stop } = await import('esbuild');
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  try {
    for (const file of sourceFiles()) {
      const rel = relative(SRC, file);
      const out = join(target, rel);
      mkdirSync(dirname(out), { recursive: true });
      copyFileSync(file, out);
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
      const js = out.replace(/\.ts$/, '.js');
      const result = transformSync(readFileSync(file, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'node20',
        sourcefile: file,
        sourcemap: 'external',
        tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
      });
      writeFileSync(js, `${renameImports(result.code)}//# sourceMappingURL=${js.split(sep).pop()}.map\n`);
      writeFileSync(`${js}.map`, result.map);
    }
  } finally {
    await stop?.();
  }
}

/** Compile unless current; another process compiling at the same time is waited for. */
async function compile() {
  const fingerprint = sourceFingerprint();
  const lock = `${OUT_DIR}.lock`;
  for (;;) {
    if (recordedFingerprint() === fingerprint) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await new Promise((done) => setTimeout(done, 200));
    }
  }
  try {
    if (recordedFingerprint() === fingerprint) return;
    const tmp = `${OUT_DIR}.tmp-${process.pid}`;
    const old = `${OUT_DIR}.old-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await compileInto(tmp);
    writeFileSync(
      join(tmp, RECORD),
      `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() })}\n`,
    );
    if (existsSync(OUT_DIR)) renameSync(OUT_DIR, old);
    renameSync(tmp, OUT_DIR);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The compiled entry point (dist-server/cli/main.js), compiled first if the sources changed;
 * undefined when compiling failed or SAMIZDAT_TSX=1 asks for the loader (then run src/ via tsx).
 */
export function compiledEntry() {
  if (process.env.SAMIZDAT_TSX === '1') return undefined;
  const entry = pathToFileURL(join(OUT_DIR, 'cli', 'main.js')).href;
  const fingerprint = sourceFingerprint();
  if (recordedFingerprint() === fingerprint) return entry;
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--compile'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status === 0 && recordedFingerprint() === fingerprint) return entry;
  console.error('samizdat: compiling src/ into dist-server/ failed; running the sources through tsx');
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--compile') {
  await compile();
}
