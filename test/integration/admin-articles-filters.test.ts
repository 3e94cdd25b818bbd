import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publishArticle, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// The admin's articles list filters: headline search (?q=) and section (?section=), with the
// existing status, author, language and tag filters and paging.
type ListJson = {
  articles: Array<{ id: string; title: string }>;
  meta: { total: number; page: number; limit: number };
};

describe.each(testDatabases)('Admin API article list: search and section filters (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = adminClient(t, await t.key('owner'));
    const politics = (await admin.post('/tags', { name: 'Politics', is_section: true, nav_order: 1 })).body
      .tag.id;
    const elections = (await admin.post('/tags', { name: 'Elections' })).body.tag.id;
    await publishArticle(admin, { title: 'The Council Votes on Water', tag_ids: [politics] });
    await publishArticle(admin, { title: 'A budget of 100% cuts', tag_ids: [elections] });
    const draft = await admin.post('/articles', {
      title: 'Water prices: a draft',
      body_html: '<p>Draft.</p>',
      tag_ids: [politics, elections],
    });
    expect(draft.status, draft.text).toBe(201);
  });
  afterAll(async () => t?.close());

  const list = async (query: string) => {
    const res = await admin.get<ListJson>(`/articles?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const titles = (body: ListJson) => body.articles.map((a) => a.title).sort();

  it('finds headlines containing the words, ignoring case', async () => {
    expect(titles(await list('q=water'))).toEqual(['The Council Votes on Water', 'Water prices: a draft']);
    expect(titles(await list('q=COUNCIL'))).toEqual(['The Council Votes on Water']);
    expect((await list('q=nothing-like-this')).meta.total).toBe(0);
  });

  it('treats % and _ in the search as themselves', async () => {
    expect(titles(await list(`q=${encodeURIComponent('100%')}`))).toEqual(['A budget of 100% cuts']);
    expect((await list(`q=${encodeURIComponent('%')}`)).meta.total).toBe(1);
    expect((await list('q=_')).meta.total).toBe(0);
  });

  it('filters by section, which must be a section, not any tag', async () => {
    expect(titles(await list('section=politics'))).toEqual([
      'The Council Votes on Water',
      'Water prices: a draft',
    ]);
    expect((await list('section=elections')).meta.total).toBe(0);
    expect(titles(await list('tag=elections'))).toEqual(['A budget of 100% cuts', 'Water prices: a draft']);
  });

  it('combines search, section and status, and counts the matches for paging', async () => {
    const body = await list('q=water&section=politics&status=draft&limit=1');
    expect(titles(body)).toEqual(['Water prices: a draft']);
    expect(body.meta).toEqual({ total: 1, page: 1, limit: 1 });
    const paged = await list('q=water&limit=1&page=2');
    expect(paged.meta.total).toBe(2);
    expect(paged.articles).toHaveLength(1);
  });

  it('refuses an empty or overlong search and a malformed section', async () => {
    for (const query of ['q=', `q=${'x'.repeat(201)}`, 'section=Not%20A%20Slug']) {
      const res = await admin.get(`/articles?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });
});
