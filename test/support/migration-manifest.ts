// Landed migrations are never edited: a database that already ran one would never see the edit.
// src/db/migrations/landed.json records each landed file's sha256; the migrations test compares it
// with the files. `npm run migrations:seal` adds new files to it and refuses to re-hash a changed one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../src/db/migrations');
export const MANIFEST_PATH = join(MIGRATIONS_DIR, 'landed.json');

/** File name → sha256 (hex) of its content. */
export type Manifest = Record<string, string>;

/** The migration files: timestamp-named .ts files beside index.ts (tests and index excluded). */
export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}-\d{2}-\d{2}T\d{4}-[a-z0-9-]+\.ts$/.test(name))
    .sort();
}

export function hashMigration(name: string): string {
  return createHash('sha256')
    .update(readFileSync(join(MIGRATIONS_DIR, name)))
    .digest('hex');
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

export interface ManifestProblems {
  /** Listed, but the file's content changed since it landed. */
  edited: string[];
  /** Listed, but the file is gone. */
  missing: string[];
  /** Not listed, and not newer than the newest listed file: slipped in under landed ones. */
  unsealedOlder: string[];
  /** Not listed and newer than everything listed: new work, to be sealed when it lands. */
  pending: string[];
}

/** Compares the files with the manifest (names sort as the migrations run: by timestamp). */
export function checkManifest(manifest: Manifest, files: string[] = migrationFiles()): ManifestProblems {
  const listed = Object.keys(manifest).sort();
  const newest = listed.at(-1) ?? '';
  const unlisted = files.filter((name) => !(name in manifest));
  return {
    edited: listed.filter((name) => files.includes(name) && hashMigration(name) !== manifest[name]),
    missing: listed.filter((name) => !files.includes(name)),
    unsealedOlder: unlisted.filter((name) => name <= newest),
    pending: unlisted.filter((name) => name > newest),
  };
}

/** Adds every unlisted file; throws (writing nothing) if a landed file was edited or removed. */
export function sealMigrations(): string[] {
  const manifest = readManifest();
  const problems = checkManifest(manifest);
  if (problems.edited.length > 0 || problems.missing.length > 0) {
    throw new Error(
      `landed migrations must not change; write a new migration instead.\n` +
        `  edited: ${problems.edited.join(', ') || '-'}\n  missing: ${problems.missing.join(', ') || '-'}`,
    );
  }
  const added = [...problems.unsealedOlder, ...problems.pending];
  const next: Manifest = { ...manifest };
  for (const name of added) next[name] = hashMigration(name);
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(MANIFEST_PATH, JSON.stringify(sorted, null, 2) + '\n');
  return added;
}

// `npm run migrations:seal`
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    const added = sealMigrations();
    console.log(added.length ? `sealed: ${added.join(', ')}` : 'nothing to seal');
  } catch (err) {
    console.error(`migrations:seal: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
