import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// Concurrent creates racing for one slug: the loser of a check-then-insert race hits the unique
// index, which must come back as the next free slug (slug from the title) or 409 (explicit slug),
// never 500.

const N = 8;

describe.each(testDatabases)('slug races on %s', (dialect) => {
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    key = await t.key('editor');
  });
  afterAll(async () => t?.close());

  const post = async (path: string, body: unknown, method = 'POST') => {
    const started = performance.now();
    const res = await t.fetch(`/api/admin/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { article?: { id: string; slug: string }; error?: { code: string } };
    return { status: res.status, json, ms: performance.now() - started };
  };

  it(`gives ${N} concurrent creates with one title ${N} distinct slugs`, async () => {
    const results = await Promise.all(
      Array.from({ length: N }, () => post('/articles', { title: 'Flood warning for the lower town' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(201));
    const slugs = results.map((r) => r.json.article!.slug);
    expect(new Set(slugs).size).toBe(N);
    expect(slugs).toContain('flood-warning-for-the-lower-town');
  });

  it(`answers ${N} concurrent creates with one explicit slug: one 201, the rest 409`, async () => {
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post('/articles', { title: `Contender ${i}`, slug: 'the-one-slug' }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(N - 1).fill(409)]);
    const conflicts = results.filter((r) => r.status === 409);
    expect(conflicts.every((r) => r.json.error?.code === 'conflict')).toBe(true);
    const ms = conflicts.map((r) => r.ms).sort((a, b) => a - b);
    if (process.env.REPORT_TIMINGS) {
      console.info(
        `[${dialect}] 409 under a ${N}-way slug race: median ${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms`,
      );
    }
    expect(ms.at(-1)!).toBeLessThan(5000);
  });

  it('answers two concurrent renames to one slug with one 200 and one 409', async () => {
    const a = (await post('/articles', { title: 'First to rename' })).json.article!;
    const b = (await post('/articles', { title: 'Second to rename' })).json.article!;
    const results = await Promise.all(
      [a, b].map((x) => post(`/articles/${x.id}`, { version: 1, slug: 'renamed-slug' }, 'PATCH')),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});
