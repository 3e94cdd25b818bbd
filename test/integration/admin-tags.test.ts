import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publishArticle, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

interface TagJson {
  id: string;
  name: string;
  slug: string;
  description: string;
  is_section: boolean;
  nav_order: number | null;
}
type OneTag = { tag: TagJson };
type ErrorJson = { error: { code: string; message: string; details: unknown } };

describe.each(testDatabases)('tags through the Admin API and the public site (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    admin = adminClient(t, await t.key('owner'));
  });
  afterAll(async () => t?.close());

  const page = async (path: string) => {
    const res = await t.fetch(path);
    return { status: res.status, html: await res.text() };
  };

  it('answers snake_case, like every Admin API answer', async () => {
    const created = await admin.post<OneTag>('/tags', { name: 'Weather', is_section: true, nav_order: 7 });
    expect(created.status).toBe(201);
    expect(created.body.tag).toMatchObject({
      name: 'Weather',
      slug: 'weather',
      is_section: true,
      nav_order: 7,
    });
    expect(Object.keys(created.body.tag).sort()).toEqual([
      'description',
      'id',
      'is_section',
      'name',
      'nav_order',
      'slug',
      'translations',
    ]);
    const list = await admin.get<{ tags: TagJson[] }>('/tags');
    expect(list.body.tags.find((x) => x.id === created.body.tag.id)).toEqual(created.body.tag);
    expect(list.text).not.toMatch(/isSection|navOrder/);
  });

  it('declares the snake_case request and answer in the OpenAPI document', async () => {
    const doc = (await (await t.fetch('/api/admin/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const answer = doc.paths['/tags/{id}']!.patch.responses['200'].content['application/json'].schema;
    expect(Object.keys(answer.properties.tag.properties).sort()).toEqual([
      'description',
      'id',
      'is_section',
      'name',
      'nav_order',
      'slug',
      'translations',
    ]);
    const update = doc.paths['/tags/{id}']!.patch.requestBody.content['application/json'].schema;
    expect(update.required ?? []).toEqual([]);
    expect(update.additionalProperties).toBe(false);
  });

  it('changes only what it is told to: a partial update keeps the other fields', async () => {
    const { body } = await admin.post<OneTag>('/tags', {
      name: 'Fisheries',
      description: 'Boats and quotas.',
      is_section: true,
      nav_order: 3,
    });
    const patched = await admin.patch<OneTag>(`/tags/${body.tag.id}`, { name: 'Fishing' });
    expect(patched.body.tag).toEqual({ ...body.tag, name: 'Fishing' });
    const cleared = await admin.patch<OneTag>(`/tags/${body.tag.id}`, { nav_order: null, is_section: false });
    expect(cleared.body.tag).toEqual({ ...body.tag, name: 'Fishing', nav_order: null, is_section: false });
  });

  it('renames a section: the navigation, its page and its articles show it at once', async () => {
    const { body } = await admin.post<OneTag>('/tags', { name: 'Harbour', is_section: true, nav_order: 1 });
    const article = await publishArticle(admin, { title: 'New cranes for the port', tag_ids: [body.tag.id] });
    // Warm the cache: the pages below must be rendered again, not replayed.
    expect((await page('/')).html).toContain('/tag/harbour');
    expect((await page(`/articles/${article.slug}`)).html).toContain('Harbour');

    const renamed = await admin.patch<OneTag>(`/tags/${body.tag.id}`, {
      name: 'Port and Harbour',
      slug: 'port',
    });
    expect(renamed.status).toBe(200);
    const home = await page('/');
    expect(home.html).toContain('Port and Harbour');
    expect(home.html).toContain('/tag/port');
    expect(home.html).not.toContain('/tag/harbour');
    expect((await page(`/articles/${article.slug}`)).html).toContain('Port and Harbour');
    expect((await page('/tag/port')).html).toContain('New cranes for the port');
    expect((await page('/tag/harbour')).status).toBe(404);
  });

  it('deletes a tag: its articles stay, without it, on pages rendered afresh', async () => {
    const { body: kept } = await admin.post<OneTag>('/tags', { name: 'Schools' });
    const { body: gone } = await admin.post<OneTag>('/tags', {
      name: 'Elections',
      is_section: true,
      nav_order: 2,
    });
    const article = await publishArticle(admin, {
      title: 'Candidates debate school meals',
      tag_ids: [kept.tag.id, gone.tag.id],
    });
    expect((await page(`/articles/${article.slug}`)).html).toContain('/tag/elections');
    expect((await page('/')).html).toContain('/tag/elections');
    expect((await page('/tag/elections')).status).toBe(200);

    expect((await admin.delete(`/tags/${gone.tag.id}`)).status).toBe(204);

    const after = await page(`/articles/${article.slug}`);
    expect(after.status).toBe(200);
    expect(after.html).not.toContain('/tag/elections');
    expect(after.html).toContain('/tag/schools');
    expect((await page('/')).html).not.toContain('/tag/elections');
    expect((await page('/tag/elections')).status).toBe(404);
    const api = (await (await t.fetch(`/api/content/v1/articles/${article.slug}`)).json()) as {
      article: { tags: Array<{ slug: string }> };
    };
    expect(api.article.tags.map((x) => x.slug)).toEqual(['schools']);
    expect((await admin.delete(`/tags/${gone.tag.id}`)).status).toBe(404);
  });

  it('refuses control characters in every text field with 400 and stores nothing', async () => {
    const bad: Array<Record<string, unknown>> = [
      { name: 'Nul\u0000Tag' },
      { name: 'Tab\tTag' },
      { name: 'Ok', description: 'zero\u0000byte' },
      { name: 'Ok', description: 'form\u000cfeed' },
    ];
    for (const body of bad) {
      const res = await admin.post<ErrorJson>('/tags', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message, JSON.stringify(body)).toMatch(/control characters/);
    }
    const ok = await admin.post<OneTag>('/tags', {
      name: 'Ok',
      description: 'Two\nparagraphs\r\n\tindented',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.tag.description).toBe('Two\nparagraphs\r\n\tindented');
    expect((await admin.patch(`/tags/${ok.body.tag.id}`, { description: 'nul\u0000' })).status).toBe(400);
    expect((await admin.delete(`/tags/${encodeURIComponent('\u0000')}`)).status).toBe(400);
    expect(
      (await admin.get<{ tags: TagJson[] }>('/tags')).body.tags.filter((x) => x.name === 'Ok'),
    ).toHaveLength(1);
  });
});
