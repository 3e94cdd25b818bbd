import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtAdmin } from '../support/admin-build.ts';
import type { AdminFiles } from '../../src/web/admin-app/index.ts';

// The first screen loads in one round of at most 250 KB compressed: index.html, the files it
// names, and every module those import statically (what the browser must fetch before the first
// screen runs). Screens opened later are their own chunks, fetched through dynamic import().
const BUDGET = 250 * 1024;

let files: AdminFiles;
beforeAll(async () => {
  files = await builtAdmin();
});

/** Same-folder static imports of a built module: `import{a}from"./x.js"` and `import"./x.js"`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.\/[^"']+)["']/g))
    found.add(m[1]!);
  for (const m of code.matchAll(/\bexport\s*[\w$*{}\s,]*?\s*from\s*["'](\.\/[^"']+)["']/g)) found.add(m[1]!);
  return [...found];
}

function firstLoad(): Map<string, Buffer> {
  const html = files.index.body.toString('utf8');
  const loaded = new Map<string, Buffer>([['index.html', files.index.body]]);
  const queue = [...html.matchAll(/(?:src|href)="\/admin\/([^"]+)"/g)].map((m) => m[1]!);
  while (queue.length) {
    const name = queue.shift()!;
    if (loaded.has(name)) continue;
    const file = files.assets.get(name);
    if (!file) throw new Error(`index.html or a module names ${name}, which the build does not have`);
    loaded.set(name, file.body);
    if (name.endsWith('.js')) {
      const dir = name.slice(0, name.lastIndexOf('/') + 1);
      for (const rel of staticImports(file.body.toString('utf8'))) queue.push(dir + rel.slice(2));
    }
  }
  return loaded;
}

describe('the admin first load', () => {
  it('finds static imports but not dynamic ones', () => {
    expect(
      staticImports('import{a as b}from"./ui-x.js";import"./side.js";const c=()=>import("./lazy.js")'),
    ).toEqual(['./ui-x.js', './side.js']);
  });

  it(`is at most ${BUDGET / 1024} KB gzip, and the heavy screens are not in it`, () => {
    const loaded = firstLoad();
    let total = 0;
    const lines: string[] = [];
    for (const [name, body] of loaded) {
      const size = gzipSync(body, { level: 9 }).length;
      total += size;
      lines.push(`${name}: ${(size / 1024).toFixed(1)} KB`);
    }
    console.log(`admin first load: ${(total / 1024).toFixed(1)} KB gzip\n  ${lines.join('\n  ')}`);
    expect(total).toBeLessThanOrEqual(BUDGET);
    expect([...loaded.keys()].some((n) => /\.js$/.test(n))).toBe(true);
    // The editor (TipTap, ProseMirror) and the media library load only when opened.
    const firstCode = [...loaded.values()].map((b) => b.toString('utf8')).join('\n');
    expect(firstCode).not.toMatch(/prosemirror|ProseMirror/);
  });
});
