import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManifest, openManifest } from './mirror-manifest-store.ts';
import { MIRROR_FORMAT, type ManifestHeader } from './mirror-manifest.ts';

const header: ManifestHeader = {
  format: MIRROR_FORMAT,
  version: 'test',
  siteUrl: 'https://news.example',
  baseUrl: null,
  changeFeed: { id: 1, createdAt: '2026-11-30T00:00:00.000Z' },
};

describe('the mirror manifest store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'samizdat-manifest-'));
    dirs.push(dir);
    return join(dir, 'manifest.sqlite');
  };
  const tagged = (store: NonNullable<ReturnType<typeof openManifest>>, tag: string) =>
    [...store.filesTagged([tag])].map((f) => f.file).sort();

  it('replaces and removes entries with their tag rows, and says which files it has', () => {
    const path = file();
    const writer = createManifest(path);
    writer.put('a/index.html', { path: '/a', hash: 'h1', tags: ['listings', 'article:1'] });
    writer.put('b/index.html', { path: '/b', hash: 'h2', tags: ['article:1'] });
    writer.putArticleKeys([{ id: '1', publishedAt: '2026-11-29T10:00:00.000Z' }]);
    writer.finish(header);
    const store = openManifest(path)!;
    expect(tagged(store, 'article:1')).toEqual(['a/index.html', 'b/index.html']);
    store.update({
      header,
      put: [['a/index.html', { path: '/a', hash: 'h3', tags: ['article:2'] }]],
      remove: ['b/index.html'],
      keys: { put: [{ id: '2', publishedAt: '2026-11-30T10:00:00.000Z' }], remove: ['1'] },
    });
    expect(tagged(store, 'article:1')).toEqual([]);
    expect(tagged(store, 'listings')).toEqual([]);
    expect(tagged(store, 'article:2')).toEqual(['a/index.html']);
    expect(store.existing(['a/index.html', 'b/index.html', 'c/index.html'])).toEqual(
      new Set(['a/index.html']),
    );
    expect(store.articleKeys(['1', '2'])).toEqual(
      new Map([['2', { id: '2', publishedAt: '2026-11-30T10:00:00.000Z' }]]),
    );
    store.close();
  });

  it('knows no article keys in a manifest written before it kept them', () => {
    const path = file();
    const writer = createManifest(path);
    writer.put('a/index.html', { path: '/a', hash: 'h1', tags: [] });
    writer.finish(header);
    const store = openManifest(path)!;
    expect(store.articleKeys(['1'])).toBeUndefined();
    store.close();
  });
});
