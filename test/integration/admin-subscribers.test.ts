import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// The Admin API's subscriber, newsletter and privacy-policy routes over real HTTP, on both
// databases: paging, exact-address search, counts, suppression, erasure, lists, the policy, and
// bad input answered in the documented error shape with nothing changed.

interface Page {
  items: Array<{ id: string; email: string; status: string }>;
  next_cursor: string | null;
}
interface Counts {
  subscribers: Record<string, number>;
  lists: Array<{ slug: string; recipients: number; by_status: Record<string, number> }>;
}

describe.each(testDatabases)('subscribers through the Admin API (%s)', (dialect) => {
  let t: TestApp;
  let api: AdminClient;
  const emails = ['ana@newsroom.org', 'boris@newsroom.org', 'chloe@newsroom.org'];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    api = adminClient(t, await t.key('admin'));
    let n = 0;
    for (const email of emails) {
      const outcome = await t.services.subscribers.signup.signup({
        email,
        lists: ['weekly'],
        source: '/newsletter',
        language: 'en',
        clientAddress: `10.0.${++n}.1`,
      });
      expect(outcome.kind).toBe('accepted');
    }
  });
  afterAll(async () => t?.close());

  const byEmail = async (email: string) =>
    (await api.get<Page>(`/subscribers?email=${encodeURIComponent(email)}`)).body.items;

  it('pages newest first with a cursor, every subscriber once', async () => {
    const first = await api.get<Page>('/subscribers?limit=2');
    expect(first.status, first.text).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next_cursor).toBeTruthy();
    const second = await api.get<Page>(
      `/subscribers?limit=2&cursor=${encodeURIComponent(first.body.next_cursor!)}`,
    );
    expect(second.body.next_cursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((s) => s.email);
    expect(seen.sort()).toEqual([...emails].sort());
    expect(first.body.items.every((s) => s.status === 'pending')).toBe(true);
  });

  it('pages through subscribers who signed up in the same millisecond, each once', async () => {
    const kept = await t.db.kysely.selectFrom('subscribers').select(['id', 'created_at']).execute();
    await t.db.kysely.updateTable('subscribers').set({ created_at: '2026-11-01T09:00:00.000Z' }).execute();
    try {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: { body: Page } = await api.get<Page>(
          `/subscribers?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...res.body.items.map((s) => s.email));
        cursor = res.body.next_cursor;
        if (!cursor) break;
      }
      expect(seen.sort()).toEqual([...emails].sort());
    } finally {
      for (const row of kept)
        await t.db.kysely
          .updateTable('subscribers')
          .set({ created_at: row.created_at })
          .where('id', '=', row.id)
          .execute();
    }
  });

  it('finds one address exactly (any case), and nothing for part of one', async () => {
    expect((await byEmail('Boris@NewsRoom.org')).map((s) => s.email)).toEqual(['boris@newsroom.org']);
    expect(await byEmail('boris')).toEqual([]);
    expect(await byEmail('newsroom.org')).toEqual([]);
  });

  it('refuses a cursor it did not give and an unknown list, in the documented shape', async () => {
    const cursor = await api.get('/subscribers?cursor=bm9wZQ');
    expect(cursor.status).toBe(400);
    expect(JSON.parse(cursor.text).error).toMatchObject({ code: 'invalid_input' });
    const list = await api.get('/subscribers?list=no-such-list');
    expect(list.status).toBe(404);
    expect(JSON.parse(list.text).error.code).toBe('not_found');
  });

  it('shows one subscriber with their consent, suppresses them, and the counts follow', async () => {
    const [ana] = await byEmail('ana@newsroom.org');
    const one = await api.get<{ subscriptions: unknown[]; consents: Array<Record<string, unknown>> }>(
      `/subscribers/${ana!.id}`,
    );
    expect(one.status, one.text).toBe(200);
    expect(one.body.subscriptions).toEqual([expect.objectContaining({ list: 'weekly' })]);
    expect(one.body.consents[0]).toMatchObject({ basis: 'signup', source: '/newsletter', list: 'weekly' });

    const before = (await api.get<Counts>('/subscribers/counts')).body;
    expect(before.subscribers).toEqual({ pending: 3, confirmed: 0, suppressed: 0 });
    expect(before.lists.find((l) => l.slug === 'weekly')).toMatchObject({ recipients: 0 });

    const suppressed = await api.post<{ status: string; suppressed_reason: string }>(
      `/subscribers/${ana!.id}/suppress`,
      { detail: 'asked by phone' },
    );
    expect(suppressed.status, suppressed.text).toBe(200);
    expect(suppressed.body).toMatchObject({ status: 'suppressed', suppressed_reason: 'manual' });
    const after = (await api.get<Counts>('/subscribers/counts')).body;
    expect(after.subscribers).toEqual({ pending: 2, confirmed: 0, suppressed: 1 });
    expect(after.lists.find((l) => l.slug === 'weekly')!.by_status).toMatchObject({
      pending: 2,
      suppressed: 1,
    });
    const filtered = await api.get<Page>('/subscribers?status=suppressed&list=weekly');
    expect(filtered.body.items.map((s) => s.email)).toEqual(['ana@newsroom.org']);
  });

  it('erases a subscriber: gone from the list, 404 afterwards', async () => {
    const [chloe] = await byEmail('chloe@newsroom.org');
    const gone = await api.delete(`/subscribers/${chloe!.id}`);
    expect(gone.status, gone.text).toBe(204);
    expect(await byEmail('chloe@newsroom.org')).toEqual([]);
    const again = await api.get(`/subscribers/${chloe!.id}`);
    expect(again.status).toBe(404);
    expect(JSON.parse(again.text).error.code).toBe('not_found');
    expect((await api.delete(`/subscribers/${chloe!.id}`)).status).toBe(404);
  });

  it('creates and changes newsletters; a taken slug, a bad schedule or a schedule on breaking news change nothing', async () => {
    const made = await api.post<{ id: string; slug: string; schedule_cron: string; is_default: boolean }>(
      '/newsletters',
      { slug: 'city-hall', name: 'City hall', schedule_cron: '0 8 * * 1' },
    );
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ slug: 'city-hall', schedule_cron: '0 8 * * 1', is_default: false });

    const taken = await api.post('/newsletters', { slug: 'city-hall', name: 'Again' });
    expect(taken.status).toBe(409);
    expect(JSON.parse(taken.text).error).toMatchObject({ code: 'conflict', details: { field: 'slug' } });
    const badCron = await api.post('/newsletters', {
      slug: 'bad-cron',
      name: 'Bad',
      schedule_cron: '61 * * *',
    });
    expect(badCron.status).toBe(400);
    expect(JSON.parse(badCron.text).error.code).toBe('invalid_input');

    const changed = await api.patch<{ name: string; is_default: boolean }>(`/newsletters/${made.body.id}`, {
      name: 'City hall weekly',
      is_default: true,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ name: 'City hall weekly', is_default: true });

    const lists = (
      await api.get<{ lists: Array<{ id: string; slug: string; kind: string; is_default: boolean }> }>(
        '/newsletters',
      )
    ).body.lists;
    expect(lists.map((l) => l.slug)).not.toContain('bad-cron');
    expect(lists.filter((l) => l.is_default).map((l) => l.slug)).toEqual(['city-hall']);
    const breaking = lists.find((l) => l.kind === 'breaking')!;
    const scheduled = await api.patch(`/newsletters/${breaking.id}`, { schedule_cron: '0 9 * * 5' });
    expect(scheduled.status).toBe(400);
    expect(JSON.parse(scheduled.text).error.details).toMatchObject({ field: 'schedule_cron' });
    expect((await api.patch('/newsletters/nl-nothing', { name: 'x' })).status).toBe(404);
  });

  it('replaces the privacy policy as a new version; empty text is refused and changes nothing', async () => {
    const before = (await api.get<{ version: number; text: string }>('/privacy-policy')).body;
    const put = await api.put<{ version: number; text: string; updated_at: string }>('/privacy-policy', {
      text: 'We keep your address sealed.\r\n\r\nWe never share it.  ',
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({
      version: before.version + 1,
      text: 'We keep your address sealed.\n\nWe never share it.',
    });
    expect(put.body.updated_at).toBeTruthy();
    const empty = await api.put('/privacy-policy', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text).error).toMatchObject({ code: 'invalid_input', details: { field: 'text' } });
    expect((await api.get<{ version: number }>('/privacy-policy')).body.version).toBe(before.version + 1);
  });

  it('exports every subscriber as CSV the import reads back, formulas defused, the export audited', async () => {
    const outcome = await t.services.subscribers.signup.signup({
      email: 'dmitri@newsroom.org',
      name: '=HYPERLINK("http://evil.example")',
      lists: ['weekly'],
      source: '/newsletter',
      language: 'ru',
      clientAddress: '10.9.9.1',
    });
    expect(outcome.kind).toBe('accepted');
    const res = await t.fetch('/api/admin/v1/subscribers.csv', {
      headers: { authorization: `Bearer ${await t.key('admin')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('email,name,language,status,lists,created_at,confirmed_at');
    const dmitri = lines.find((l) => l.startsWith('dmitri@newsroom.org,'));
    expect(dmitri).toMatch(/^dmitri@newsroom\.org,'=HYPERLINK\(/);
    expect(dmitri).toContain(',ru,pending,');
    const listed = (await api.get<Page>('/subscribers?limit=200')).body.items.length;
    expect(lines.length - 1).toBe(listed);
    const audit = await t.services.db.kysely
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', '=', 'subscribers.export')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses an editor, in the documented shape', async () => {
    const editor = adminClient(t, await t.key('editor'));
    const res = await editor.get('/subscribers');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error.code).toBe('forbidden');
  });
});
