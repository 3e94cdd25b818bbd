import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { settle, waitFor } from '../support/wait-for.ts';

// Several processes on one database, as `serve --no-worker` beside `worker`, or a cluster of
// `serve`: each has its own page cache, kept current by the change feed.

const json = (key: string, body?: unknown): RequestInit => ({
  method: 'POST',
  headers: {
    authorization: `Bearer ${key}`,
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
  },
  ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
});

describe.each(testDatabases)('processes sharing one database on %s', (dialect) => {
  let a: TestApp; // where the newsroom works
  let b: TestApp; // another process serving readers
  let c: TestApp; // the control: serves readers but does not poll the feed
  let owner: string;

  beforeAll(async () => {
    a = await startTestApp(dialect, { site: true });
    b = await startTestApp(dialect, { site: true, db: a.db });
    c = await startTestApp(dialect, { site: true, db: a.db, changeFeed: false });
    owner = await a.key('owner');
  });
  afterAll(async () => {
    // a owns the database: it goes last.
    await c?.close();
    await b?.close();
    await a?.close();
  });

  const home = async (t: TestApp) => {
    const res = await t.fetch('/');
    expect(res.status).toBe(200);
    return res.text();
  };
  /** Render the home page, then fetch it again so it is served from the cache. */
  const warm = async (t: TestApp) => {
    await home(t);
    const html = await home(t);
    expect(t.services.pageCache.size).toBeGreaterThan(0);
    return html;
  };
  const rowsAfter = async (id: number) =>
    a.db.kysely
      .selectFrom('change_feed')
      .select(['origin', 'deps'])
      .where('id', '>', id)
      .orderBy('id')
      .execute();

  it('an article published in one process is on the other’s home page at once', async () => {
    const headline = 'Ferry service to Kessa resumes after the storm';
    for (const t of [b, c]) expect(await warm(t)).not.toContain(headline);

    const created = await a.fetch(
      '/api/admin/v1/articles',
      json(owner, { title: headline, standfirst: 'Crossings run hourly again.', body_html: '<p>Boats.</p>' }),
    );
    expect(created.status).toBe(201);
    const { article } = (await created.json()) as { article: { id: string } };
    const published = await a.fetch(`/api/admin/v1/articles/${article.id}/publish`, json(owner));
    expect(published.status).toBe(200);

    await waitFor(async () => (await home(b)).includes(headline), {
      timeoutMs: 2000,
      intervalMs: 25,
      message: 'the headline reached the other process',
    });
    expect(await home(a)).toContain(headline);
    // Without the feed the other process would still serve its cached page (for the TTL).
    expect(await home(c)).not.toContain(headline);
  });

  it('a settings change made in one process shows on the other’s pages', async () => {
    // The Admin API has no settings route yet: change them as one would, through the service.
    const name = 'The Kessa Evening Post';
    expect(await warm(b)).not.toContain(name);
    const reloadA = vi.spyOn(a.services.settings, 'reload');
    const reloadB = vi.spyOn(b.services.settings, 'reload');
    try {
      await a.services.settings.set({ name });
      await waitFor(async () => (await home(b)).includes(name), {
        timeoutMs: 2000,
        intervalMs: 25,
        message: 'the new name reached the other process',
      });
      expect(b.services.settings.get().name).toBe(name);
      expect(reloadB).toHaveBeenCalled();
      await settle(500); // two polls' worth more
      expect(reloadA, 'a process never applies its own change again').not.toHaveBeenCalled();
    } finally {
      reloadA.mockRestore();
      reloadB.mockRestore();
    }
  });

  it('a process neither applies its own rows nor passes on another’s', async () => {
    const before = await a.services.changeFeed.latestId();
    const invalidatedA = vi.spyOn(a.services.pageCache, 'invalidate');
    const invalidatedB = vi.spyOn(b.services.pageCache, 'invalidate');
    try {
      const tag = await a.fetch('/api/admin/v1/tags', json(owner, { name: 'Harbour', is_section: true }));
      expect(tag.status).toBe(201);
      // Taxonomy shows on every page: the writing process clears everything once, right away.
      expect(invalidatedA.mock.calls).toEqual([['site']]);
      await waitFor(() => invalidatedB.mock.calls.length > 0, { timeoutMs: 2000, intervalMs: 25 });
      expect(invalidatedB.mock.calls).toEqual([['site']]);
      await settle(500); // a wrong second invalidation would have arrived by now
      expect(invalidatedA.mock.calls).toEqual([['site']]);
      expect(invalidatedB.mock.calls).toEqual([['site']]);
      expect(await rowsAfter(before)).toEqual([{ origin: a.services.changeFeed.origin, deps: '["site"]' }]);
    } finally {
      invalidatedA.mockRestore();
      invalidatedB.mockRestore();
    }
  });
});
