import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraJpeg } from '../support/image-fixtures.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

type ErrorJson = { error: { code: string; message: string; details: unknown } };

// NUL was a 500 on PostgreSQL (it cannot store it) and stored as-is on SQLite; the other C0
// controls were stored on both and sent as raw bytes in pages and feeds. Articles and media here;
// authors, tags and settings have the same case in their own test files.
describe.each(testDatabases)('control characters in article and media text (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    key = await t.key('owner');
    admin = adminClient(t, key);
  });
  afterAll(async () => t?.close());

  const articleCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses them in every article text field, the HTML body and the document tree, with 400', async () => {
    const before = await articleCount();
    const doc = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    const cases: Array<Record<string, unknown>> = [
      { title: 'Nul\u0000title' },
      { title: 'Line\nbreak title' },
      { title: 'Ok', standfirst: 'escape \u001b[2J' },
      { title: 'Ok', body_html: '<p>zero\u0000byte</p>' },
      { title: 'Ok', body_html: '<p>vertical\u000btab</p>' },
      { title: 'Ok', body: doc('zero\u0000byte') },
      { title: 'Ok', seo_title: 'seo\u0000' },
      { title: 'Ok', seo_description: 'seo\u0007' },
      { title: 'Ok', author_ids: ['\u0000'] },
      { title: 'Ok', translation_of: 'x\u0000' },
    ];
    for (const body of cases) {
      const res = await admin.post<ErrorJson>('/articles', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe('invalid_input');
      expect(res.body.error.message, JSON.stringify(body)).toMatch(/control characters/);
    }
    expect(await articleCount()).toBe(before);

    const ok = await admin.post<{ article: { id: string; standfirst: string } }>('/articles', {
      title: 'Clean',
      standfirst: 'First line.\nSecond line.',
      body_html: '<p>Tabs\tand\r\nbreaks are fine.</p>',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.article.standfirst).toBe('First line.\nSecond line.');
    const changed = await admin.patch<ErrorJson>(`/articles/${ok.body.article.id}`, {
      version: 1,
      title: 'Dirty\u0000',
    });
    expect(changed.status).toBe(400);
  });

  it('refuses them in a photo’s caption, credit and alt text, on upload and on change', async () => {
    const photo = await cameraJpeg(400, 300);
    const upload = (fields: Record<string, string>) => {
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'a.jpg');
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      return t.fetch('/api/admin/v1/media', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: fd,
      });
    };
    expect((await upload({ caption: 'nul\u0000' })).status).toBe(400);
    expect((await upload({ credit: 'bell\u0007' })).status).toBe(400);
    const res = await upload({ caption: 'Dawn' });
    expect(res.status).toBe(201);
    const { media } = (await res.json()) as { media: { id: string } };
    for (const body of [{ caption: 'nul\u0000' }, { alt: 'esc\u001b' }]) {
      const patched = await admin.patch(`/media/${media.id}`, body);
      expect(patched.status, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.get<{ caption: string }>(`/media/${media.id}`)).text).toContain('Dawn');
  });
});
