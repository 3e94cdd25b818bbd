import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up } from '../../src/db/migrations/2026-11-29T1745-figure-media-id.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { cameraJpeg } from '../support/image-fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

type Body = { type: 'doc'; content: Array<{ type: string; attrs?: Record<string, unknown> }> };

describe.each(testDatabases)('renaming a figure’s mediaId to media_id in stored bodies (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    admin = adminClient(t, await t.key('owner'));
  });
  afterAll(async () => t?.close());

  it('renames the attribute in bodies saved before, leaves the same words in text alone, and is re-runnable', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(await cameraJpeg(320, 200))], { type: 'image/jpeg' }),
      'a.jpg',
    );
    const upload = await t.fetch('/api/admin/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.key('owner')}` },
      body: form,
    });
    const media = ((await upload.json()) as { media: { id: string; url: string } }).media;
    const text = 'A quoted "mediaId": stays as it was written.';
    const created = await admin.post<{ article: { id: string; slug: string } }>('/articles', {
      title: 'Dam at dawn',
      status: 'published',
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text }] },
          {
            type: 'figure',
            attrs: { src: media.url, alt: 'Dam', caption: '', credit: '', media_id: media.id },
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const { id, slug } = created.body.article;

    // The body as an earlier version stored it.
    const stored = await t.db.kysely
      .selectFrom('articles')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toContain('"media_id":');
    const old = stored.body.replace('"media_id":', '"mediaId":');
    await t.db.kysely.updateTable('articles').set({ body: old }).where('id', '=', id).execute();

    await up(t.db.kysely, dialect);
    await up(t.db.kysely, dialect);
    const after = await t.db.kysely
      .selectFrom('articles')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const body = JSON.parse(after.body) as Body;
    expect(body.content[1]!.attrs).toMatchObject({ media_id: media.id });
    expect(after.body).not.toContain('"mediaId":');
    expect(JSON.stringify(body)).toContain(JSON.stringify(text).slice(1, -1));

    // What a reader gets is built from the renamed attribute: the photo's own variants.
    const api = (await (await t.fetch(`/api/content/v1/articles/${slug}`)).json()) as {
      article: { html: string };
    };
    expect(api.article.html).toContain('srcset');
  });
});
