import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAdminBuildCurrent } from './build-admin.ts';
import { filesUnder, hashSources } from './source-hash.ts';

// Staleness without running Vite: a fake repository with admin/ sources, one shared source
// outside admin/ and a recorded build.
let root: string;
const out = () => join(root, 'dist', 'admin');

function write(rel: string, text: string) {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}

function recordBuild() {
  const inputs = ['src/modules/articles/document/schema.ts'];
  const files = [...filesUnder(root, 'admin'), ...inputs, 'package-lock.json'];
  write('dist/admin/index.html', '<!doctype html>');
  write('dist/admin/build.json', JSON.stringify({ hash: hashSources(root, files), inputs, builtAt: '' }));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'admin-build-'));
  write('admin/index.html', '<div id="root"></div>');
  write('admin/src/main.tsx', 'export {}');
  write('src/modules/articles/document/schema.ts', 'export const a = 1;');
  write('package-lock.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('admin build staleness', () => {
  it('is stale with no output, current right after a build', () => {
    expect(isAdminBuildCurrent(root, out())).toBe(false);
    recordBuild();
    expect(isAdminBuildCurrent(root, out())).toBe(true);
  });

  it('is stale when an admin source changes, is added or is removed', () => {
    recordBuild();
    write('admin/src/main.tsx', 'export const changed = 1;');
    expect(isAdminBuildCurrent(root, out())).toBe(false);
    recordBuild();
    write('admin/src/new.ts', 'export {}');
    expect(isAdminBuildCurrent(root, out())).toBe(false);
    recordBuild();
    rmSync(join(root, 'admin/src/new.ts'));
    expect(isAdminBuildCurrent(root, out())).toBe(false);
  });

  it('is stale when a document-model source the bundle imported changes', () => {
    recordBuild();
    write('src/modules/articles/document/schema.ts', 'export const a = 2;');
    expect(isAdminBuildCurrent(root, out())).toBe(false);
  });

  it('is stale when the dependencies change (package-lock.json)', () => {
    recordBuild();
    write('package-lock.json', '{"v":2}');
    expect(isAdminBuildCurrent(root, out())).toBe(false);
  });

  it('is stale when index.html is missing or the record is unreadable', () => {
    recordBuild();
    rmSync(join(out(), 'index.html'));
    expect(isAdminBuildCurrent(root, out())).toBe(false);
    recordBuild();
    write('dist/admin/build.json', 'not json');
    expect(isAdminBuildCurrent(root, out())).toBe(false);
  });

  it('ignores files in other server folders', () => {
    recordBuild();
    write('src/web/server.ts', 'changed');
    expect(isAdminBuildCurrent(root, out())).toBe(true);
  });
});
