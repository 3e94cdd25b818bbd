import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir` (relative to `root`, '/'-separated), skipping dot-folders and node_modules. */
export function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out;
}

/**
 * One hash over these files' names and contents (order-independent). A file that no longer
 * exists counts as "missing", so deleting a shared source also changes the hash.
 */
export function hashSources(root: string, files: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(`${file}\0`);
    try {
      if (statSync(join(root, file)).isFile()) hash.update(readFileSync(join(root, file)));
      else hash.update('\0not a file');
    } catch {
      hash.update('\0missing');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}
