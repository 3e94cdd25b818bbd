import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The folder-level dependency graph of src/: which top-level folder (or module under
// src/modules/, or adapter under src/adapters/) imports which. ESLint's boundary rule checks that
// modules are entered through their index.ts; this checks that no two folders need each other,
// directly or around a loop, so each can be read (and replaced) on its own.

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The folder a file belongs to: src/modules/<name>, src/adapters/<name>, src/web/cache, src/<top>, or src (root files). */
export function folderOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  if (parts.length === 1) return 'src';
  if ((parts[0] === 'modules' || parts[0] === 'adapters') && parts.length > 2)
    return `${parts[0]}/${parts[1]}`;
  // The HTTP cache is infrastructure the site module builds on, below the web layer that serves it.
  if (parts[0] === 'web' && parts[1] === 'cache' && parts.length > 2) return 'web/cache';
  return parts[0]!;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  // Static imports and re-exports; type-only imports count too: they are knowledge of the other side.
  for (const match of text.matchAll(/\b(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/g)) {
    out.push(resolve(dirname(file), match[1]!));
  }
  for (const match of text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g))
    out.push(resolve(dirname(file), match[1]!));
  return out;
}

export function folderGraph(files: string[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = folderOf(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(SRC + '/')) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${relative(ROOT, file)} -> ${relative(ROOT, target)}`]);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
export function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return out;
}

describe('module graph', () => {
  const graph = folderGraph(sourceFiles(SRC));

  it('has no folder-level cycles in src/', () => {
    const found = cycles(graph).map((component) => {
      const edges = component.flatMap((from) =>
        component.flatMap((to) => (graph.get(from)?.get(to) ?? []).slice(0, 2)),
      );
      return `${component.join(' <-> ')}\n    ${edges.join('\n    ')}`;
    });
    expect(found, found.join('\n')).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const fake = new Map([
      ['a', new Map([['b', ['x']]])],
      ['b', new Map([['c', ['y']]])],
      ['c', new Map([['a', ['z']]])],
    ]);
    expect(cycles(fake)).toEqual([['a', 'b', 'c']]);
  });

  it('keeps src/ free of imports from test/', () => {
    const offenders = sourceFiles(SRC).filter((file) =>
      importsOf(file).some((target) => target.startsWith(join(ROOT, 'test') + '/')),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
