// Temporary directories that are gone when the test file ends. Every `tempDir()` is recorded, and
// `removeTempDirs()` runs after each test file (registered in test/support/setup-temp-dirs.ts,
// a vitest setup file), after the file's own afterAll hooks have closed what used the directories.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = new Set<string>();

/** A new empty directory under the system temp dir, named `samizdat-<purpose>-XXXXXX`. */
export function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `samizdat-${purpose}-`));
  created.add(dir);
  return dir;
}

/** Remove one directory now (its owner is done with it); the end-of-file sweep then skips it. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  created.delete(dir);
}

/** Remove every directory `tempDir()` made that is still there. */
export function removeTempDirs(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
  created.clear();
}
