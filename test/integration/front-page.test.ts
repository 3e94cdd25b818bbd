import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/staff/index.ts';
import { adminClient, publishArticle, type AdminClient } from '../support/admin-client.ts';
import { between } from '../support/html-probe.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';

// The editors' front page through the Admin API and the public home page: pins lead in order and
// appear once, fall back to the newest, never show what readers may not see, the breaking strip
// ends by itself (also in the page cache), and only editors and above choose.

const NOTHING = { lead: null, featured: [], breaking: null };

/** Article links in the page's main content, in page order, repeats kept. */
function articleLinks(html: string): string[] {
  const main = between(html, '<main', '</main>');
  return [...main.matchAll(/href="(\/articles\/[^"#]+)"/g)].map((m) => m[1]!);
}

/** Each card's link once (a card links its title; the picture is not a second link). */
function cardLinks(html: string): string[] {
  const main = html.includes('<main') ? between(html, '<main', '</main>') : html;
  return [...main.matchAll(/class="card__title"[^>]*><a href="(\/articles\/[^"#]+)"/g)].map((m) => m[1]!);
}

describe.each(testDatabases)('the front page editors choose (%s)', (dialect) => {
  let t: SiteTestApp;
  let editor: AdminClient;
  /** Published English demo articles, newest first. */
  let newest: Array<{ id: string; slug: string }>;

  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
    editor = adminClient(t, await t.key('editor'));
    const page = await t.services.articles.list({ language: 'en', limit: 20 }, { readerVisible: true });
    newest = page.items.map((a) => ({ id: a.id, slug: a.slug }));
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    expect((await editor.put('/front-page', NOTHING)).status).toBe(200);
  });

  const leadHref = (html: string) =>
    /href="(\/articles\/[^"]+)"/.exec(between(html, 'card--lead', '</article>'))?.[1];

  it('shows the pinned lead and featured stories first, in the editors order, once each', async () => {
    const [lead, f1, f2, f3] = [newest[7]!, newest[3]!, newest[0]!, newest[9]!];
    const res = await editor.put('/front-page', {
      lead: lead.id,
      featured: [f1.id, f2.id, f3.id],
      breaking: null,
    });
    expect(res.status).toBe(200);
    expect(res.body.front_page).toMatchObject({
      lead: lead.id,
      featured: [f1.id, f2.id, f3.id],
      breaking: null,
    });
    expect((await editor.get('/front-page')).body.front_page.featured).toEqual([f1.id, f2.id, f3.id]);

    const { html } = await t.page('/');
    expect(leadHref(html)).toBe(`/articles/${lead.slug}`);
    const featured = between(html, 'class="featured"', '</section>');
    expect(cardLinks(featured)).toEqual([f1, f2, f3].map((a) => `/articles/${a.slug}`));
    const links = cardLinks(html);
    for (const pinned of [lead, f1, f2, f3]) {
      expect(links.filter((l) => l === `/articles/${pinned.slug}`)).toHaveLength(1);
    }
  });

  it('falls back to the newest story when the pins are cleared', async () => {
    await editor.put('/front-page', { lead: newest[5]!.id, featured: [newest[6]!.id], breaking: null });
    expect(leadHref((await t.page('/')).html)).toBe(`/articles/${newest[5]!.slug}`);
    await editor.put('/front-page', NOTHING);
    const { html } = await t.page('/');
    expect(leadHref(html)).toBe(`/articles/${newest[0]!.slug}`);
    expect(html).not.toContain('class="featured"');
  });

  it('refuses a pin to a draft (400) or an unknown article (404) and keeps the front page as it was', async () => {
    const draft = await editor.post<{ article: { id: string } }>('/articles', {
      title: 'Not ready yet',
      body_html: '<p>Draft.</p>',
    });
    expect(draft.status).toBe(201);
    await editor.put('/front-page', { lead: newest[2]!.id, featured: [], breaking: null });

    const refused = await editor.put('/front-page', {
      lead: draft.body.article.id,
      featured: [],
      breaking: null,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_input');
    expect(refused.body.error.message).toMatch(/not published/);
    const unknown = await editor.put('/front-page', {
      lead: null,
      featured: ['no-such-article'],
      breaking: null,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('no-such-article');
    const twice = await editor.put('/front-page', {
      lead: null,
      featured: [newest[1]!.id, newest[1]!.id],
      breaking: null,
    });
    expect(twice.status).toBe(400);
    const tooMany = await editor.put('/front-page', {
      lead: null,
      featured: newest.slice(0, 5).map((a) => a.id),
      breaking: null,
    });
    expect(tooMany.status).toBe(400);

    expect((await editor.get('/front-page')).body.front_page.lead).toBe(newest[2]!.id);
  });

  it('skips a pinned story unpublished or deleted later, and falls back to the newest', async () => {
    const a = await publishArticle(editor, { title: 'Pinned, then withdrawn' });
    const b = await publishArticle(editor, { title: 'Featured, then deleted' });
    expect((await editor.put('/front-page', { lead: a.id, featured: [b.id], breaking: null })).status).toBe(
      200,
    );
    let { html } = await t.page('/');
    expect(leadHref(html)).toBe(`/articles/${a.slug}`);
    expect(cardLinks(html)).toContain(`/articles/${b.slug}`);

    expect((await editor.post(`/articles/${a.id}/unpublish`)).status).toBe(200);
    expect((await editor.delete(`/articles/${b.id}`)).status).toBe(204);
    const page = await t.page('/');
    html = page.html;
    expect(page.status).toBe(200);
    expect(html).not.toContain(a.slug);
    expect(html).not.toContain(b.slug);
    expect(leadHref(html)).toBe(`/articles/${newest[0]!.slug}`);
  });

  it('shows the breaking strip until it expires, then drops it from the cached home page', async () => {
    // Earlier tests' follow-up jobs now, so the only job left later is the strip's expiry.
    await t.services.jobs.runUntilIdle?.();
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const res = await editor.put('/front-page', {
      lead: null,
      featured: [],
      breaking: { text: 'Polls close at eight', article_id: newest[1]!.id, expires_at: expiresAt },
    });
    expect(res.status).toBe(200);
    const shown = await t.page('/');
    expect(between(shown.html, 'class="breaking"', '</p>')).toContain(
      `<a href="/articles/${newest[1]!.slug}">Polls close at eight</a>`,
    );
    // Cached now: past the expiry the API no longer answers the strip, but the cached page keeps
    // it (the cache has no clock)...
    await waitFor(async () => (await editor.get('/front-page')).body.front_page.breaking === null, {
      timeoutMs: 5000,
      intervalMs: 50,
      message: 'the strip expired',
    });
    expect((await t.page('/')).html).toContain('Polls close at eight');
    // ...until the expiry job, enqueued with the PUT, drops it (a worker runs it on time).
    await t.services.jobs.runUntilIdle?.();
    const after = await t.page('/');
    expect(after.html).not.toContain('Polls close at eight');
    expect(after.html).not.toContain('class="breaking"');
  });

  it('refuses a strip that has already expired or links two places', async () => {
    const past = await editor.put('/front-page', {
      ...NOTHING,
      breaking: { text: 'Old news', expires_at: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.status).toBe(400);
    const both = await editor.put('/front-page', {
      ...NOTHING,
      breaking: {
        text: 'Both',
        url: '/tag/economy',
        article_id: newest[0]!.id,
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    expect(both.status).toBe(400);
    const script = await editor.put('/front-page', {
      ...NOTHING,
      breaking: {
        text: 'x',
        url: 'javascript:alert(1)',
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    expect(script.status).toBe(400);
  });

  it('lets editors, admins and owners choose the front page, and every role read it', async () => {
    const expected: Record<Role, number> = {
      owner: 200,
      admin: 200,
      editor: 200,
      author: 403,
      contributor: 403,
    };
    for (const role of Object.keys(expected) as Role[]) {
      const client = adminClient(t, await t.key(role));
      const put = await client.put('/front-page', { lead: newest[4]!.id, featured: [], breaking: null });
      expect(put.status, role).toBe(expected[role]);
      if (put.status === 403) expect(put.body.error.code).toBe('forbidden');
      expect((await client.get('/front-page')).status, role).toBe(200);
    }
    const anonymous = await t.fetch('/api/admin/v1/front-page', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(NOTHING),
    });
    expect(anonymous.status).toBe(401);
  });

  it('leaves out a section rail with no stories and lays out one with a single story as a wide row', async () => {
    const empty = await editor.post<{ tag: { id: string } }>('/tags', { name: 'Letters', is_section: true });
    const lone = await editor.post<{ tag: { id: string } }>('/tags', {
      name: 'Obituaries',
      is_section: true,
    });
    expect([empty.status, lone.status]).toEqual([201, 201]);
    // An older story, below the first page of the latest stream, moves to the new section alone
    // (out of its own section, whose rail would otherwise place it first).
    expect(newest.length).toBeGreaterThan(13);
    const older = newest[newest.length - 1]!;
    const current = (await editor.get(`/articles/${older.id}`)).body.article;
    const tagged = await editor.patch(`/articles/${older.id}`, {
      version: current.version,
      tag_ids: [lone.body.tag.id],
    });
    expect(tagged.status).toBe(200);
    try {
      let { html } = await t.page('/');
      expect(html).not.toContain('<a href="/tag/letters">Letters</a></h2>');
      const rail = between(html, '<a href="/tag/obituaries">Obituaries</a></h2>', '</section>');
      expect(rail).toContain('class="card-grid card-grid--few"');
      expect(rail).toContain('card--row');
      expect(cardLinks(rail)).toEqual([`/articles/${older.slug}`]);
      // Once its only story leads the page, the rail has nothing left and is not rendered.
      await editor.put('/front-page', { lead: older.id, featured: [], breaking: null });
      ({ html } = await t.page('/'));
      expect(html).not.toContain('<a href="/tag/obituaries">Obituaries</a></h2>');
    } finally {
      const now = (await editor.get(`/articles/${older.id}`)).body.article;
      const restore = current.tags.map((tag: { id: string }) => tag.id);
      await editor.patch(`/articles/${older.id}`, { version: now.version, tag_ids: restore });
      for (const tag of [empty, lone]) await editor.delete(`/tags/${tag.body.tag.id}`);
    }
  });

  it('shows no story twice on the demo home page', async () => {
    await editor.put('/front-page', {
      lead: newest[3]!.id,
      featured: [newest[0]!.id, newest[8]!.id],
      breaking: null,
    });
    for (const state of ['pinned', 'unpinned']) {
      if (state === 'unpinned') await editor.put('/front-page', NOTHING);
      const { html } = await t.page('/');
      const cards = cardLinks(html);
      expect(cards.length, state).toBeGreaterThan(20);
      expect(cards.length - new Set(cards).size, `${state}: repeated stories`).toBe(0);
      // Every link to an article in the main content, not only card titles: still none twice.
      const links = articleLinks(html);
      expect(links.length - new Set(links).size, state).toBe(0);
      // Every section rail still has stories, from further down its section.
      const rails = [...html.matchAll(/<section class="rail" aria-labelledby="rail-\d+">/g)];
      expect(rails.length, state).toBeGreaterThan(0);
    }
  });
});
