import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';

// Every change made with a key is in the audit log: who, from where, what, which object, when.
// The log is append-only, readable by admins and owners, paged, filtered and exported as CSV.

interface Entry {
  id: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_label: string;
  origin: string;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
}

describe.each(testDatabases)('the audit log on %s', (dialect) => {
  let t: TestApp;
  let laptop: AdminClient;
  let laptopId: string;
  let laptopKey: string;
  let auditor: AdminClient;
  let auditorKey: string;

  const entries = async (query = '') =>
    (await auditor.get<{ entries: Entry[]; next_before: number | null }>(`/audit${query}`)).body;
  const last = async () => (await entries('?limit=1')).entries[0]!;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const made = await t.services.apiKeys.create({ name: 'laptop', role: 'owner' });
    laptop = adminClient(t, made.key);
    laptopId = made.info.keyId;
    laptopKey = made.key;
    auditorKey = await t.key('admin');
    auditor = adminClient(t, auditorKey);
  });
  afterAll(async () => t?.close());

  it('records article changes with who, origin, action and object', async () => {
    const created = await laptop.post('/articles', { title: 'Floods' });
    const id = created.body.article.id as string;
    expect(await last()).toMatchObject({
      actor_kind: 'api-key',
      actor_id: laptopId,
      actor_label: 'laptop',
      origin: 'API key laptop',
      action: 'article.create',
      object_type: 'article',
      object_id: id,
      summary: 'created "Floods" as draft',
    });
    await laptop.patch(`/articles/${id}`, { version: 1, standfirst: 'Rivers rise.' });
    expect((await last()).action).toBe('article.update');
    await laptop.post(`/articles/${id}/publish`);
    expect((await last()).action).toBe('article.publish');
    await laptop.post(`/articles/${id}/unpublish`);
    expect((await last()).action).toBe('article.unpublish');
    await laptop.post(`/articles/${id}/schedule`, {
      published_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await last()).action).toBe('article.schedule');
    const revs = (await laptop.get(`/articles/${id}/revisions`)).body.revisions;
    const version = (await laptop.get(`/articles/${id}`)).body.article.version;
    const restored = await laptop.post(`/articles/${id}/revisions/${revs.at(-1).id}/restore`, { version });
    expect(restored.status, restored.text).toBe(200);
    expect((await last()).action).toBe('article.restore');
    await laptop.delete(`/articles/${id}`);
    expect(await last()).toMatchObject({
      action: 'article.delete',
      object_id: id,
      summary: 'deleted "Floods"',
    });
  });

  it('records tags, authors, media, settings, the front page and API keys', async () => {
    const actions: string[] = [];
    const expectLast = async (action: string) => {
      const entry = await last();
      expect(entry.action).toBe(action);
      expect(entry.origin).toBe('API key laptop');
      actions.push(entry.action);
      return entry;
    };
    const tag = (await laptop.post('/tags', { name: 'Water', is_section: true })).body.tag;
    expect((await expectLast('tag.create')).summary).toBe('created section "Water"');
    await laptop.patch(`/tags/${tag.id}`, { description: 'Rivers and dams' });
    await expectLast('tag.update');
    await laptop.delete(`/tags/${tag.id}`);
    expect((await expectLast('tag.delete')).object_id).toBe(tag.id);

    const author = (
      await laptop.post('/authors', { name: 'Ivan Pen', is_pen_name: true, real_name: 'Secret Person' })
    ).body.author;
    const authorEntry = await expectLast('author.create');
    expect(authorEntry.summary).toBe('created pen name "Ivan Pen"');
    await laptop.patch(`/authors/${author.id}`, { real_name: 'Another Secret' });
    expect((await expectLast('author.update')).summary).toBe('edited pen name "Ivan Pen" (real_name)');
    await laptop.delete(`/authors/${author.id}`);
    await expectLast('author.delete');

    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#345' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
    const uploaded = await t.fetch('/api/admin/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${laptopKey}` },
      body: form,
    });
    const media = ((await uploaded.json()) as { media: { id: string } }).media;
    expect((await expectLast('media.upload')).object_id).toBe(media.id);
    await laptop.patch(`/media/${media.id}`, { caption: 'New caption', credit: 'A Photographer' });
    expect((await expectLast('media.update')).summary).toBe('edited a photo (caption, credit)');
    await laptop.delete(`/media/${media.id}`);
    await expectLast('media.delete');

    await laptop.patch('/settings', { description: 'Independent news' });
    expect((await expectLast('settings.update')).summary).toBe('changed settings (description)');
    await laptop.put('/front-page', { lead: null, featured: [], breaking: null });
    await expectLast('front_page.update');
    const key = (await laptop.post('/keys', { name: 'phone', role: 'author' })).body;
    expect((await expectLast('api_key.create')).summary).toBe('created API key "phone" with the author role');
    await laptop.delete(`/keys/${key.api_key.id}`);
    await expectLast('api_key.revoke');

    // No personal data: the real names given never reach the log.
    const all = JSON.stringify((await entries('?limit=200')).entries);
    expect(all).not.toContain('Secret Person');
    expect(all).not.toContain('Another Secret');
    expect(all).not.toContain('A Photographer');
    expect(actions).toHaveLength(13);
  });

  it('writes nothing for a refused or failed change', async () => {
    const before = (await last()).id;
    const contributor = adminClient(t, await t.key('contributor'));
    expect((await contributor.post('/tags', { name: 'Nope' })).status).toBe(403);
    expect((await contributor.post('/articles', { title: 'Live', status: 'published' })).status).toBe(403);
    expect((await laptop.patch('/articles/missing', { version: 1, title: 'x' })).status).toBe(404);
    const a = (await laptop.post('/articles', { title: 'Once' })).body.article;
    expect((await last()).id).toBeGreaterThan(before);
    const afterCreate = (await last()).id;
    expect((await laptop.patch(`/articles/${a.id}`, { version: 9, title: 'Stale' })).status).toBe(409);
    expect((await last()).id).toBe(afterCreate);
  });

  it('pages backwards with next_before and filters by object, action and actor', async () => {
    for (let i = 0; i < 5; i++) await laptop.post('/tags', { name: `Paging ${i}` });
    const first = await entries('?limit=2&object_type=tag&action=tag.create');
    expect(first.entries.map((e) => e.summary)).toEqual(['created tag "Paging 4"', 'created tag "Paging 3"']);
    expect(first.next_before).toBe(first.entries[1]!.id);
    const second = await entries(`?limit=2&object_type=tag&action=tag.create&before=${first.next_before}`);
    expect(second.entries.map((e) => e.summary)).toEqual([
      'created tag "Paging 2"',
      'created tag "Paging 1"',
    ]);
    const byActor = await entries(`?actor=api-key:${laptopId}&limit=200`);
    expect(byActor.entries.length).toBeGreaterThan(5);
    expect(byActor.entries.every((e) => e.actor_id === laptopId)).toBe(true);
    const nobody = await entries('?actor=api-key:nobody');
    expect(nobody).toEqual({ entries: [], next_before: null });
    expect((await auditor.get('/audit?limit=0')).status).toBe(400);
    expect((await auditor.get('/audit?surprise=1')).status).toBe(400);
  });

  it('exports CSV with escaped cells and formulas defused', async () => {
    await laptop.post('/tags', { name: '=HYPERLINK("http://evil.example","x")' });
    await laptop.post('/tags', { name: 'Commas, "quotes"' });
    const res = await t.fetch('/api/admin/v1/audit.csv?object_type=tag', {
      headers: { authorization: `Bearer ${auditorKey}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csv = await res.text();
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor_kind,actor_id,actor_label,origin,action,object_type,object_id,summary',
    );
    expect(lines[1]).toMatch(/,"created tag ""Commas, ""quotes"""""$/);
    // The summary starts with text, so it is no formula; a cell that starts with "=" would be.
    expect(lines[2]).toContain('"created tag ""=HYPERLINK(""http://evil.example"",""x"")"""');
    expect(csv.split('\r\n').every((l) => !/(^|,)=/.test(l))).toBe(true);
  });

  it('defuses a key name that a spreadsheet would run', async () => {
    const made = adminClient(t, (await t.services.apiKeys.create({ name: '=cmd|calc', role: 'owner' })).key);
    await made.post('/tags', { name: 'by formula key' });
    const csv = await (
      await t.fetch('/api/admin/v1/audit.csv?action=tag.create', {
        headers: { authorization: `Bearer ${auditorKey}` },
      })
    ).text();
    expect(csv).toContain(",'=cmd|calc,API key =cmd|calc,");
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it('is append-only and readable only with audit.read', async () => {
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
      const res = await t.fetch('/api/admin/v1/audit', {
        method,
        headers: { authorization: `Bearer ${auditorKey}` },
      });
      expect(res.status, method).toBe(404);
    }
    const editor = adminClient(t, await t.key('editor'));
    expect((await editor.get('/audit')).status).toBe(403);
  });
});
