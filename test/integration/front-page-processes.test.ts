import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publishArticle } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';

// The front page chosen in one process shows at once on another serving readers from its own
// page cache (the change feed), and the strip's expiry, run by whichever process works the
// jobs, drops it there too. A third process that does not read the feed is the control.

describe.each(testDatabases)('the front page across processes on %s', (dialect) => {
  let a: TestApp; // the newsroom's process, which also runs the jobs
  let b: TestApp; // serves readers, follows the change feed
  let c: TestApp; // serves readers, does not follow the feed
  const home = async (t: TestApp) => (await t.fetch('/')).text();

  beforeAll(async () => {
    a = await startTestApp(dialect, { site: true });
    b = await startTestApp(dialect, { site: true, db: a.db });
    c = await startTestApp(dialect, { site: true, db: a.db, changeFeed: false });
  });
  afterAll(async () => {
    await c?.close();
    await b?.close();
    await a?.close();
  });

  it('a pin and a breaking strip set in one process show in the other, and the expiry drops them', async () => {
    const editor = adminClient(a, await a.key('editor'));
    const older = await publishArticle(editor, { title: 'Harbour dredging approved' });
    await publishArticle(editor, { title: 'Night buses return' });
    // Their search and Read more jobs now, so the only job left later is the strip's expiry.
    await a.services.jobs.runUntilIdle?.();
    for (const t of [b, c]) {
      await home(t);
      expect(await home(t)).not.toContain('class="breaking"');
    }

    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const put = await editor.put('/front-page', {
      lead: older.id,
      featured: [],
      breaking: { text: 'Storm warning for the coast', url: '/search?q=storm', expires_at: expiresAt },
    });
    expect(put.status).toBe(200);
    await waitFor(async () => (await home(b)).includes('Storm warning for the coast'), {
      timeoutMs: 3000,
      intervalMs: 25,
      message: 'the strip reached the other process',
    });
    expect(/class="card card--lead">[\s\S]*?href="([^"]+)"/.exec(await home(b))?.[1]).toBe(
      `/articles/${older.slug}`,
    );
    expect(await home(c)).not.toContain('Storm warning for the coast');

    // At the expiry the process working the jobs drops its cached page and tells the others.
    await waitFor(async () => Date.now() > Date.parse(expiresAt), { timeoutMs: 5000, intervalMs: 50 });
    await a.services.jobs.runUntilIdle?.();
    await waitFor(async () => !(await home(b)).includes('Storm warning for the coast'), {
      timeoutMs: 3000,
      intervalMs: 25,
      message: 'the expiry reached the other process',
    });
  });
});
