import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { createArticles } from '../../src/modules/articles/index.ts';
import { apiKeyActor } from '../../src/modules/staff/index.ts';

// Every save of an article keeps a revision (create, edit, status change, restore), written in
// the save's transaction; the Admin API lists them, shows one, diffs two and restores one.

interface RevisionRow {
  id: string;
  number: number;
  created_at: string;
  actor_label: string;
  summary: string;
}

describe.each(testDatabases)('article revisions on %s', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let editor: AdminClient;

  const revisions = async (id: string) =>
    (await owner.get<{ revisions: RevisionRow[] }>(`/articles/${id}/revisions`)).body.revisions;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    owner = adminClient(t, (await t.services.apiKeys.create({ name: 'desk laptop', role: 'owner' })).key);
    editor = adminClient(t, (await t.services.apiKeys.create({ name: 'night editor', role: 'editor' })).key);
  });
  afterAll(async () => t?.close());

  it('keeps one revision per save, numbered, newest first, with who and what', async () => {
    const created = await owner.post('/articles', {
      title: 'Dam opens',
      body_html: '<p>The council met on Tuesday.</p>',
    });
    const id = created.body.article.id as string;
    const edited = await editor.patch(`/articles/${id}`, {
      version: created.body.article.version,
      title: 'Dam opens early',
      body_html: '<p>The council met on Wednesday.</p>',
    });
    expect(edited.status).toBe(200);
    expect((await editor.post(`/articles/${id}/publish`)).status).toBe(200);
    const list = await revisions(id);
    expect(list.map((r) => r.number)).toEqual([3, 2, 1]);
    expect(list.map((r) => r.actor_label)).toEqual(['night editor', 'night editor', 'desk laptop']);
    expect(list[2]!.summary).toBe('created "Dam opens" as draft');
    expect(list[1]!.summary).toBe('edited "Dam opens early" (title, body)');
    expect(list[0]!.summary).toBe('published "Dam opens early"');
    expect(Date.parse(list[0]!.created_at)).not.toBeNaN();

    const first = await owner.get(`/articles/${id}/revisions/${list[2]!.id}`);
    expect(first.status).toBe(200);
    expect(first.body.revision).toMatchObject({
      number: 1,
      title: 'Dam opens',
      status: 'draft',
      author_ids: [],
    });
    expect(JSON.stringify(first.body.revision.body)).toContain('Tuesday');

    const diff = await owner.get(`/articles/${id}/revisions/diff?from=${list[2]!.id}&to=${list[0]!.id}`);
    expect(diff.status).toBe(200);
    expect(diff.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'title', before: 'Dam opens', after: 'Dam opens early' },
        { field: 'status', before: 'draft', after: 'published' },
      ]),
    );
    expect(diff.body.body).toEqual([
      { op: 'equal', text: 'The council met on ' },
      { op: 'delete', text: 'Tuesday' },
      { op: 'insert', text: 'Wednesday' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('restores a revision as a new one through the normal update (content, not status)', async () => {
    const created = await owner.post('/articles', { title: 'First take', body_html: '<p>Old words.</p>' });
    const id = created.body.article.id as string;
    const edited = await owner.patch(`/articles/${id}`, {
      version: 1,
      title: 'Second take',
      body_html: '<p>New words.</p>',
    });
    await owner.post(`/articles/${id}/publish`);
    const version = (await owner.get(`/articles/${id}`)).body.article.version as number;
    const first = (await revisions(id)).at(-1)!;
    const restored = await editor.post(`/articles/${id}/revisions/${first.id}/restore`, { version });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.article).toMatchObject({ title: 'First take', status: 'published' });
    expect(JSON.stringify(restored.body.article.body)).toContain('Old words.');
    expect(restored.body.article.version).toBe(version + 1);
    const list = await revisions(id);
    expect(list.map((r) => r.number)).toEqual([4, 3, 2, 1]);
    expect(list[0]!.summary).toBe('restored "First take" to revision 1');
    expect(edited.status).toBe(200);
    // The public site shows the restored text.
    const live = await t.fetch(`/api/content/v1/articles/${restored.body.article.slug}`);
    expect(((await live.json()) as { article: { title: string } }).article.title).toBe('First take');
  });

  it('refuses a restore with a stale version, changing nothing and keeping no revision', async () => {
    const created = await owner.post('/articles', { title: 'Contested', body_html: '<p>A.</p>' });
    const id = created.body.article.id as string;
    await owner.patch(`/articles/${id}`, { version: 1, title: 'Contested, revised' });
    const first = (await revisions(id)).at(-1)!;
    const before = (await owner.get(`/articles/${id}`)).body.article;
    const res = await editor.post(`/articles/${id}/revisions/${first.id}/restore`, { version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stale_update');
    expect((await owner.get(`/articles/${id}`)).body.article).toEqual(before);
    expect((await revisions(id)).length).toBe(2);
  });

  it('keeps no revision for a refused or failed save', async () => {
    const created = await owner.post('/articles', { title: 'Guarded', body_html: '<p>A.</p>' });
    const id = created.body.article.id as string;
    expect((await owner.patch(`/articles/${id}`, { version: 7, title: 'Stale' })).status).toBe(409);
    expect((await owner.patch(`/articles/${id}`, { version: 1, tag_ids: ['no-such-tag'] })).status).toBe(400);
    const contributor = adminClient(t, await t.key('contributor'));
    expect((await contributor.patch(`/articles/${id}`, { version: 1, title: 'Not mine' })).status).toBe(403);
    expect((await revisions(id)).map((r) => r.number)).toEqual([1]);
  });

  it('answers 404 for a revision of another article, an unknown one, or an unknown article', async () => {
    const a = (await owner.post('/articles', { title: 'Article A' })).body.article;
    const b = (await owner.post('/articles', { title: 'Article B' })).body.article;
    const ofB = (await revisions(b.id))[0]!;
    expect((await owner.get(`/articles/${a.id}/revisions/${ofB.id}`)).status).toBe(404);
    expect((await owner.get(`/articles/${a.id}/revisions/nope`)).status).toBe(404);
    expect((await owner.get(`/articles/${a.id}/revisions/diff?from=${ofB.id}&to=${ofB.id}`)).status).toBe(
      404,
    );
    expect((await owner.get(`/articles/missing/revisions`)).status).toBe(404);
    expect((await owner.post(`/articles/${a.id}/revisions/${ofB.id}/restore`, { version: 1 })).status).toBe(
      404,
    );
    expect((await owner.get(`/articles/${a.id}/revisions/diff?from=x`)).status).toBe(400);
  });

  it('records scheduled publishing by the system as a revision', async () => {
    const created = await owner.post('/articles', { title: 'Due soon' });
    const id = created.body.article.id as string;
    await t.services.db.kysely
      .updateTable('articles')
      .set({ status: 'scheduled', published_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    await t.services.articles.publishDue();
    const list = await revisions(id);
    expect(list[0]).toMatchObject({ number: 2, actor_label: 'system' });
    expect(list[0]!.summary).toContain('at its scheduled time');
  });

  it('drops the revisions with their article', async () => {
    const created = await owner.post('/articles', { title: 'Short lived' });
    const id = created.body.article.id as string;
    expect((await owner.delete(`/articles/${id}`)).status).toBe(204);
    const left = await t.services.db.kysely
      .selectFrom('article_revisions')
      .select('id')
      .where('article_id', '=', id)
      .execute();
    expect(left).toEqual([]);
  });

  it("writes the revision and the audit entry in the save's transaction: a save that rolls back leaves neither", async () => {
    const failing = createArticles({
      db: t.services.db,
      audit: t.services.audit,
      defaultLanguage: 'en',
      changes: {
        inTransaction: async () => {
          throw new Error('the follow-up jobs could not be queued');
        },
        afterCommit: () => {},
      },
    });
    const actor = apiKeyActor({ keyId: 'k1', name: 'crashing desk', role: 'owner' });
    const existing = (await owner.post('/articles', { title: 'Stable' })).body.article;
    await expect(failing.create(actor, { title: 'Never saved' })).rejects.toThrow(/could not be queued/);
    await expect(failing.update(actor, existing.id, { version: 1, title: 'Never edited' })).rejects.toThrow();
    await expect(failing.publish(actor, existing.id)).rejects.toThrow();
    await expect(failing.delete(actor, existing.id)).rejects.toThrow();
    const { kysely } = t.services.db;
    expect(
      await kysely.selectFrom('articles').select('id').where('title', '=', 'Never saved').execute(),
    ).toEqual([]);
    expect((await revisions(existing.id)).map((r) => r.number)).toEqual([1]);
    const audited = await kysely
      .selectFrom('audit_log')
      .select('id')
      .where('actor_label', '=', 'crashing desk')
      .execute();
    expect(audited).toEqual([]);
  });
});
