import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '../../src/crypto/sealed-box.ts';
import { adminClient, publishArticle, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { attrs, between } from '../support/html-probe.ts';
import { cameraJpeg } from '../support/image-fixtures.ts';

interface AuthorJson {
  id: string;
  name: string;
  slug: string;
  bio: string;
  is_pen_name: boolean;
}
type OneAuthor = { author: AuthorJson };
type ErrorJson = { error: { code: string; message: string; details: unknown } };

describe.each(testDatabases)('authors through the Admin API and the public site (%s)', (dialect) => {
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
  const sealedRealName = async (id: string) =>
    (
      await t.db.kysely
        .selectFrom('authors')
        .select('real_name_sealed')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).real_name_sealed;

  it('answers snake_case, like every Admin API answer', async () => {
    const created = await admin.post<OneAuthor>('/authors', { name: 'Vera Lind', is_pen_name: false });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.author).sort()).toEqual([
      'bio',
      'id',
      'is_pen_name',
      'name',
      'pgp_fingerprint',
      'portrait_media_id',
      'role',
      'signal_username',
      'slug',
      'translations',
    ]);
    const list = await admin.get<{ authors: AuthorJson[] }>('/authors');
    expect(list.body.authors.find((a) => a.id === created.body.author.id)).toEqual(created.body.author);
    expect(list.text).not.toMatch(/isPenName|[a-z][A-Z]\w*":/);
  });

  it('declares the snake_case request and answer in the OpenAPI document', async () => {
    const doc = (await (await t.fetch('/api/admin/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const create = doc.paths['/authors']!.post;
    const answer = create.responses['201'].content['application/json'].schema.properties.author;
    expect(Object.keys(answer.properties).sort()).toEqual([
      'bio',
      'id',
      'is_pen_name',
      'name',
      'pgp_fingerprint',
      'portrait_media_id',
      'role',
      'signal_username',
      'slug',
      'translations',
    ]);
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toContain(
      'real_name',
    );
    const list = doc.paths['/authors']!.get.responses['200'].content['application/json'].schema;
    expect(list.properties.authors.items.properties).toHaveProperty('is_pen_name');
    const update = doc.paths['/authors/{id}']!.patch.requestBody.content['application/json'].schema;
    expect(update.required ?? []).toEqual([]);
    expect(update.properties.real_name.anyOf.map((s: { type: string }) => s.type)).toContain('null');
  });

  it('renames an author: the byline, the author page and its new address show it at once', async () => {
    const { body } = await admin.post<OneAuthor>('/authors', { name: 'Olga Brandt', bio: 'Courts.' });
    const article = await publishArticle(admin, {
      title: 'Court rules on the ferry',
      author_ids: [body.author.id],
    });
    // Warm the cache: the pages below must be rendered again, not replayed.
    expect((await page(`/articles/${article.slug}`)).html).toContain('Olga Brandt');
    expect((await page('/author/olga-brandt')).status).toBe(200);

    const renamed = await admin.patch<OneAuthor>(`/authors/${body.author.id}`, {
      name: 'Olga Brandt-Holm',
      slug: 'olga-brandt-holm',
      bio: 'Courts and\nprisons.',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.author).toMatchObject({
      name: 'Olga Brandt-Holm',
      slug: 'olga-brandt-holm',
      bio: 'Courts and\nprisons.',
    });

    const articlePage = await page(`/articles/${article.slug}`);
    expect(articlePage.html).toContain('Olga Brandt-Holm');
    expect(articlePage.html).toContain('/author/olga-brandt-holm');
    expect(articlePage.html).not.toContain('/author/olga-brandt"');
    expect((await page('/author/olga-brandt-holm')).html).toContain('Court rules on the ferry');
    expect((await page('/author/olga-brandt')).status).toBe(404);
  });

  it('deletes an author: their articles stay, without the byline, on pages rendered afresh', async () => {
    const { body: kept } = await admin.post<OneAuthor>('/authors', { name: 'Ruth Keller' });
    const { body: gone } = await admin.post<OneAuthor>('/authors', { name: 'Timo Sand' });
    const article = await publishArticle(admin, {
      title: 'Harbour dredging delayed again',
      author_ids: [kept.author.id, gone.author.id],
    });
    const before = await page(`/articles/${article.slug}`);
    expect(before.html).toContain('Timo Sand');
    expect((await page('/author/timo-sand')).status).toBe(200);
    expect((await page('/')).html).toContain('Harbour dredging delayed again');

    const deleted = await admin.delete(`/authors/${gone.author.id}`);
    expect(deleted.status).toBe(204);

    const after = await page(`/articles/${article.slug}`);
    expect(after.status).toBe(200);
    expect(after.html).not.toContain('Timo Sand');
    expect(after.html).not.toContain('/author/timo-sand');
    expect(after.html).toContain('Ruth Keller');
    expect((await page('/author/timo-sand')).status).toBe(404);
    const api = (await (await t.fetch(`/api/content/v1/articles/${article.slug}`)).json()) as {
      article: { authors: Array<{ slug: string }> };
    };
    expect(api.article.authors.map((a) => a.slug)).toEqual(['ruth-keller']);
    expect((await admin.get(`/articles/${article.id}`)).text).not.toContain(gone.author.id);
    expect((await admin.delete(`/authors/${gone.author.id}`)).status).toBe(404);
  });

  it('keeps a real name write-only and encrypted; a pen name’s pages show only the pen name', async () => {
    const created = await admin.post<OneAuthor>('/authors', {
      name: 'Nadia Frost',
      is_pen_name: true,
      real_name: 'Hanna Quellwasser',
      bio: 'Writes from the north.',
    });
    expect(created.status).toBe(201);
    const id = created.body.author.id;
    expect(open(t.services.keys.encryption, (await sealedRealName(id))!)).toBe('Hanna Quellwasser');
    const article = await publishArticle(admin, { title: 'Letters from the north', author_ids: [id] });

    const changed = await admin.patch(`/authors/${id}`, { real_name: 'Greta Nachtigall' });
    expect(changed.status).toBe(200);
    const sealed = (await sealedRealName(id))!;
    expect(sealed).not.toContain('Nachtigall');
    expect(open(t.services.keys.encryption, sealed)).toBe('Greta Nachtigall');

    const everywhere = [
      created.text,
      changed.text,
      (await admin.get('/authors')).text,
      (await admin.get(`/articles/${article.id}`)).text,
      await (await t.fetch('/api/content/v1/authors')).text(),
      await (await t.fetch(`/api/content/v1/articles/${article.slug}`)).text(),
      (await page('/author/nadia-frost')).html,
      (await page(`/articles/${article.slug}`)).html,
      (await page('/')).html,
      await (await t.fetch('/feed.xml')).text(),
      await (await t.fetch('/author/nadia-frost/feed.xml')).text(),
    ];
    for (const text of everywhere) {
      expect(text).not.toMatch(/Quellwasser|Nachtigall|Hanna|Greta|real_name/);
    }
    expect((await page('/author/nadia-frost')).html).toContain('Nadia Frost');

    expect((await admin.patch(`/authors/${id}`, { real_name: null })).status).toBe(200);
    expect(await sealedRealName(id)).toBeNull();
  });

  it('refuses a real name for an author who is not a pen name, with a clear 400, and changes nothing', async () => {
    const refused = await admin.post<ErrorJson>('/authors', { name: 'Plain Paul', real_name: 'Paul Plain' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/real_name: .*is_pen_name: true/);
    expect((await admin.get('/authors')).text).not.toContain('Plain Paul');

    const plain = await admin.post<OneAuthor>('/authors', { name: 'Plain Pia' });
    const patched = await admin.patch<ErrorJson>(`/authors/${plain.body.author.id}`, {
      real_name: 'Pia Secret',
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toMatch(/is_pen_name: true/);
    expect(await sealedRealName(plain.body.author.id)).toBeNull();

    // Giving up the pen name forgets the real name it protected.
    const pen = await admin.post<OneAuthor>('/authors', {
      name: 'Mask Mara',
      is_pen_name: true,
      real_name: 'Mara Face',
    });
    expect(await sealedRealName(pen.body.author.id)).not.toBeNull();
    // Giving up the pen name while naming someone is refused as well, and keeps the real name.
    const both = await admin.patch<ErrorJson>(`/authors/${pen.body.author.id}`, {
      is_pen_name: false,
      real_name: 'Mara Other',
    });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'real_name' } });
    expect(both.body.error.message).toMatch(/real_name: .*is_pen_name: true/);
    expect(open(t.services.keys.encryption, (await sealedRealName(pen.body.author.id))!)).toBe('Mara Face');
    const unmasked = await admin.patch<OneAuthor>(`/authors/${pen.body.author.id}`, { is_pen_name: false });
    expect(unmasked.body.author.is_pen_name).toBe(false);
    expect(await sealedRealName(pen.body.author.id)).toBeNull();
  });

  it('refuses control characters in every text field with 400, on both databases', async () => {
    const bad: Array<Record<string, unknown>> = [
      { name: 'Nul\u0000Name' },
      { name: 'Bell\u0007' },
      { name: 'Two\nlines' },
      { name: 'Ok', bio: 'zero\u0000byte' },
      { name: 'Ok', bio: 'escape \u001b[31m red' },
      { name: 'Ok', is_pen_name: true, real_name: 'Real\u0000' },
    ];
    for (const body of bad) {
      const res = await admin.post<ErrorJson>('/authors', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message, JSON.stringify(body)).toMatch(/control characters/);
    }
    const { body } = await admin.post<OneAuthor>('/authors', { name: 'Clean Carla' });
    expect((await admin.patch(`/authors/${body.author.id}`, { name: 'Dirty\u0000Carla' })).status).toBe(400);
    expect((await admin.patch(`/authors/${encodeURIComponent('a\u0000')}`, { name: 'x' })).status).toBe(400);
    expect((await admin.get('/authors')).text).not.toMatch(/\\u0000|Dirty/);
  });

  it('takes a portrait, a role, a Signal username and a PGP fingerprint, and the author page shows them', async () => {
    const portrait = await t.services.media.upload({
      bytes: await cameraJpeg(320, 320),
      filename: 'portrait.jpg',
      caption: '',
      credit: 'Newsroom',
      alt: 'Ada Sorel at her desk',
    });
    const created = await admin.post<{ author: Record<string, unknown> }>('/authors', {
      name: 'Ada Sorel',
      role: 'Courts reporter',
      portrait_media_id: portrait.id,
      signal_username: 'ada_sorel.07',
      pgp_fingerprint: '3aa5 c343 7156 7bd2 a1b2  c3d4 e5f6 0718 293a 4b5c',
    });
    expect(created.status).toBe(201);
    expect(created.body.author).toMatchObject({
      role: 'Courts reporter',
      portrait_media_id: portrait.id,
      signal_username: 'ada_sorel.07',
      pgp_fingerprint: '3AA5C34371567BD2A1B2C3D4E5F60718293A4B5C',
    });
    const id = created.body.author.id as string;
    const html = (await page('/author/ada-sorel')).html;
    const header = between(html, '<header class="listing__header', '</header>');
    expect(attrs(header, 'img', 'alt')).toEqual(['Ada Sorel at her desk']);
    for (const src of attrs(header, 'img', 'src'))
      expect(src).toMatch(new RegExp(`^/media/.*${portrait.id}`));
    expect(header).toContain('<p class="author-role">Courts reporter</p>');
    expect(header).toContain('ada_sorel.07');
    expect(header).toContain('<span>3AA5 C343 7156 7BD2 A1B2</span> <span>C3D4 E5F6 0718 293A 4B5C</span>');

    // null takes each away again; the page follows at once.
    const cleared = await admin.patch<{ author: Record<string, unknown> }>(`/authors/${id}`, {
      portrait_media_id: null,
      signal_username: null,
      pgp_fingerprint: null,
      role: '',
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.author).toMatchObject({
      role: '',
      portrait_media_id: null,
      signal_username: null,
      pgp_fingerprint: null,
    });
    const after = between(
      (await page('/author/ada-sorel')).html,
      '<header class="listing__header',
      '</header>',
    );
    expect(after).not.toMatch(/<img|author-role|author-contact/);
  });

  it('refuses an unknown portrait, a malformed fingerprint or Signal username with a clear 400, changing nothing', async () => {
    const { body } = await admin.post<OneAuthor>('/authors', { name: 'Kai Brenner', role: 'Night editor' });
    const id = body.author.id;
    const before = (await admin.get<{ authors: AuthorJson[] }>('/authors')).body.authors.find(
      (a) => a.id === id,
    );
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ portrait_media_id: 'no-such-media' }, /portrait_media_id: unknown media id no-such-media/],
      [{ pgp_fingerprint: '71567BD2' }, /pgp_fingerprint.*40 hex digits/],
      [{ pgp_fingerprint: `${'A'.repeat(39)}G` }, /pgp_fingerprint.*40 hex digits/],
      [{ signal_username: 'kai' }, /signal_username.*Signal username/],
      [{ signal_username: 'kai.00' }, /signal_username.*00/],
      [{ signal_username: '@kai_b.12' }, /signal_username/],
      [{ role: 'Two\nlines' }, /role/],
    ];
    for (const [fields, message] of bad) {
      const patched = await admin.patch<ErrorJson>(`/authors/${id}`, { name: 'Changed', ...fields });
      expect(patched.status, JSON.stringify(fields)).toBe(400);
      expect(patched.body.error.code).toBe('invalid_input');
      expect(JSON.stringify(patched.body.error), JSON.stringify(fields)).toMatch(message);
      const created = await admin.post<ErrorJson>('/authors', { name: 'Never Made', ...fields });
      expect(created.status, JSON.stringify(fields)).toBe(400);
    }
    const list = (await admin.get<{ authors: AuthorJson[] }>('/authors')).body.authors;
    expect(list.find((a) => a.id === id)).toEqual(before);
    expect(list.some((a) => a.name === 'Never Made')).toBe(false);
  });

  it("a pen name's page shows no portrait or contact unless the newsroom sets them", async () => {
    const { body } = await admin.post<OneAuthor>('/authors', {
      name: 'Lark Vey',
      is_pen_name: true,
      real_name: 'Hidden Person',
      bio: 'Reports from the border.',
    });
    const plain = between(
      (await page('/author/lark-vey')).html,
      '<header class="listing__header',
      '</header>',
    );
    expect(plain).toContain('Pen name');
    expect(plain).not.toMatch(/<img|author-role|author-contact|Signal|PGP/);
    // A newsroom may choose to give a pen name a safe way in (a Signal username made for it).
    expect((await admin.patch(`/authors/${body.author.id}`, { signal_username: 'lark_vey.31' })).status).toBe(
      200,
    );
    const set = between((await page('/author/lark-vey')).html, '<header class="listing__header', '</header>');
    expect(set).toContain('lark_vey.31');
    expect(set).not.toMatch(/<img|PGP/);
  });
});
