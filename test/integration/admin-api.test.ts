import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { jsonRequest } from '../support/admin-client.ts';

const json = jsonRequest;

describe.each(testDatabases)('Admin API on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let authorId: string;
  let sectionId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    owner = await t.key('owner');
    const author = await t.fetch(
      '/api/admin/v1/authors',
      json(owner, { name: 'Marta Kalnina', bio: 'Economy desk' }),
    );
    authorId = ((await author.json()) as { author: { id: string } }).author.id;
    const tag = await t.fetch(
      '/api/admin/v1/tags',
      json(owner, { name: 'Economy', is_section: true, nav_order: 1 }),
    );
    sectionId = ((await tag.json()) as { tag: { id: string } }).tag.id;
  });
  afterAll(async () => t?.close());

  const countArticles = async () => {
    const res = await t.fetch('/api/admin/v1/articles?limit=100', json(owner, undefined, 'GET'));
    return ((await res.json()) as { meta: { total: number } }).meta.total;
  };

  it('creates, reads, updates with versions, publishes and deletes an article', async () => {
    const created = await t.fetch(
      '/api/admin/v1/articles',
      json(owner, {
        title: 'Grain prices climb for a third month',
        standfirst: 'Bakers say they cannot absorb another rise.',
        body_html: '<p>Prices rose <strong>again</strong>.</p>',
        author_ids: [authorId],
        tag_ids: [sectionId],
      }),
    );
    expect(created.status).toBe(201);
    const { article } = (await created.json()) as { article: Record<string, unknown> };
    expect(article).toMatchObject({
      slug: 'grain-prices-climb-for-a-third-month',
      status: 'draft',
      version: 1,
    });
    const id = article.id as string;

    const patched = await t.fetch(
      `/api/admin/v1/articles/${id}`,
      json(owner, { version: 1, title: 'Grain prices climb again' }, 'PATCH'),
    );
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { article: { version: number } }).article.version).toBe(2);

    const stale = await t.fetch(
      `/api/admin/v1/articles/${id}`,
      json(owner, { version: 1, title: 'Lost update' }, 'PATCH'),
    );
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('stale_update');

    const published = await t.fetch(`/api/admin/v1/articles/${id}/publish`, json(owner));
    expect(((await published.json()) as { article: { status: string } }).article.status).toBe('published');
    const pub = await t.fetch(`/api/content/v1/articles/grain-prices-climb-for-a-third-month`);
    expect(pub.status).toBe(200);
    const body = (await pub.json()) as {
      article: { title: string; html: string; authors: Array<{ name: string }> };
    };
    expect(body.article.title).toBe('Grain prices climb again');
    expect(body.article.html).toContain('<strong>again</strong>');
    expect(body.article.authors[0]?.name).toBe('Marta Kalnina');

    // The Content API answer is cached; an edit must show on the very next request.
    const edited = await t.fetch(
      `/api/admin/v1/articles/${id}`,
      json(owner, { version: 3, title: 'Grain prices, edited' }, 'PATCH'),
    );
    expect(edited.status).toBe(200);
    const again = (await (
      await t.fetch(`/api/content/v1/articles/grain-prices-climb-for-a-third-month`)
    ).json()) as {
      article: { title: string };
    };
    expect(again.article.title).toBe('Grain prices, edited');
    const listed = (await (await t.fetch('/api/content/v1/articles')).json()) as {
      articles: Array<{ title: string }>;
    };
    expect(listed.articles.map((a) => a.title)).toContain('Grain prices, edited');

    const deleted = await t.fetch(`/api/admin/v1/articles/${id}`, json(owner, undefined, 'DELETE'));
    expect(deleted.status).toBe(204);
    expect((await t.fetch(`/api/content/v1/articles/grain-prices-climb-for-a-third-month`)).status).toBe(404);
  });

  it('accepts the body as a document tree', async () => {
    const res = await t.fetch(
      '/api/admin/v1/articles',
      json(owner, {
        title: 'Tree body',
        status: 'published',
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'From the editor.' }] }],
        },
      }),
    );
    expect(res.status).toBe(201);
    const content = await t.fetch('/api/content/v1/articles/tree-body');
    expect(((await content.json()) as { article: { html: string } }).article.html).toContain(
      'From the editor.',
    );
  });

  it('strips scripts and event handlers from HTML bodies', async () => {
    const res = await t.fetch(
      '/api/admin/v1/articles',
      json(owner, {
        title: 'Hostile body',
        status: 'published',
        body_html:
          '<p onclick="steal()">Safe text</p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">link</a><iframe src="https://evil.example/"></iframe>',
      }),
    );
    expect(res.status).toBe(201);
    const html = (
      (await (await t.fetch('/api/content/v1/articles/hostile-body')).json()) as { article: { html: string } }
    ).article.html;
    expect(html).toContain('Safe text');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|evil\.example/i);
  });

  it('refuses missing, malformed and revoked keys, and roles that may not act', async () => {
    const before = await countArticles();
    const noKey = await t.fetch('/api/admin/v1/articles', json(undefined, { title: 'x' }));
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(((await noKey.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await t.fetch('/api/admin/v1/articles', json('smz_wrong', { title: 'x' }))).status).toBe(401);
    expect((await t.fetch('/api/admin/v1/articles', json('not a key at all', { title: 'x' }))).status).toBe(
      401,
    );

    const { key, info } = await t.services.apiKeys.create({ name: 'temp', role: 'editor' });
    await t.services.apiKeys.revoke(info.keyId);
    expect((await t.fetch('/api/admin/v1/articles', json(key, { title: 'x' }))).status).toBe(401);

    const contributor = await t.key('contributor');
    const forbidden = await t.fetch(
      '/api/admin/v1/articles',
      json(contributor, { title: 'Go live', status: 'published' }),
    );
    expect(forbidden.status).toBe(403);
    expect((await t.fetch('/api/admin/v1/tags', json(contributor, { name: 'Nope' }))).status).toBe(403);
    expect(await countArticles()).toBe(before);
  });

  it('answers bad input with a clear error in one shape and changes nothing', async () => {
    const before = await countArticles();
    const cases: Array<[RequestInit, number, string]> = [
      [
        {
          ...json(owner),
          body: '{"title": "unterminated',
          headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
        },
        400,
        'invalid_input',
      ],
      [json(owner, { title: 'x', surprise: true }), 400, 'invalid_input'],
      [json(owner, { title: 42 }), 400, 'invalid_input'],
      [json(owner, { title: 'x', slug: 'Bad Slug!' }), 400, 'invalid_input'],
      [json(owner, { title: 'x', slug: 'a'.repeat(500) }), 400, 'invalid_input'],
      [json(owner, { title: 'x', author_ids: ['no-such-author'] }), 400, 'invalid_input'],
      [json(owner, { title: 'x', hero_media_id: 'no-such-media' }), 400, 'invalid_input'],
      [json(owner, { title: 'x', status: 'scheduled' }), 400, 'invalid_input'],
      [
        json(owner, { title: 'x', body_html: '<p>a</p>', body: { type: 'doc', content: [] } }),
        400,
        'invalid_input',
      ],
      [
        json(owner, { title: 'x', body: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] } }),
        400,
        'invalid_input',
      ],
      [
        {
          ...json(owner),
          body: 'title=x',
          headers: { authorization: `Bearer ${owner}`, 'content-type': 'text/plain' },
        },
        415,
        'unsupported_media',
      ],
      [json(owner, { title: 'x', body_html: 'y'.repeat(6 * 1024 * 1024) }), 413, 'too_large'],
    ];
    for (const [init, status, code] of cases) {
      const res = await t.fetch('/api/admin/v1/articles', init);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    expect(await countArticles()).toBe(before);
  });

  it('refuses dates outside 1900-2200 in every date field, with 400, and changes nothing', async () => {
    const before = await countArticles();
    const draft = await t.fetch('/api/admin/v1/articles', json(owner, { title: 'Dated draft' }));
    const { article } = (await draft.json()) as { article: { id: string; version: number } };
    const outside = [
      '0000-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2201-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ];
    for (const date of outside) {
      for (const status of ['draft', 'published', 'scheduled'] as const) {
        const res = await t.fetch(
          '/api/admin/v1/articles',
          json(owner, { title: 'x', status, published_at: date }),
        );
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(res.status, `${status} at ${date}`).toBe(400);
        expect(body.error.code).toBe('invalid_input');
        expect(body.error.message).toMatch(/published_at: must be between the years 1900 and 2200/);
      }
      const scheduled = await t.fetch(
        `/api/admin/v1/articles/${article.id}/schedule`,
        json(owner, { published_at: date }),
      );
      expect(scheduled.status, `schedule at ${date}`).toBe(400);
    }
    expect(await countArticles()).toBe(before + 1);
    const unchanged = await t.fetch(`/api/admin/v1/articles/${article.id}`, json(owner, undefined, 'GET'));
    expect(((await unchanged.json()) as { article: { status: string } }).article.status).toBe('draft');
    // The edges themselves are accepted: an archive from 1900, an embargo far in the future.
    const archive = await t.fetch(
      '/api/admin/v1/articles',
      json(owner, {
        title: 'From the 1900 archive',
        status: 'published',
        published_at: '1900-01-01T00:00:00Z',
      }),
    );
    expect(archive.status).toBe(201);
    const far = await t.fetch(
      `/api/admin/v1/articles/${article.id}/schedule`,
      json(owner, { published_at: '2200-12-31T23:59:59Z' }),
    );
    expect(far.status).toBe(200);
  });

  it('refuses a duplicate slug with 409 and unknown ids with 404', async () => {
    const first = await t.fetch('/api/admin/v1/articles', json(owner, { title: 'Same', slug: 'same-slug' }));
    expect(first.status).toBe(201);
    const dup = await t.fetch(
      '/api/admin/v1/articles',
      json(owner, { title: 'Same again', slug: 'same-slug' }),
    );
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect((await t.fetch('/api/admin/v1/articles/nope', json(owner, undefined, 'GET'))).status).toBe(404);
    expect((await t.fetch('/api/admin/v1/articles/nope/publish', json(owner))).status).toBe(404);
    expect((await t.fetch('/api/admin/v1/tags/nope', json(owner, { name: 'x' }, 'PATCH'))).status).toBe(404);
  });

  it('schedules an article and refuses a time in the past', async () => {
    const res = await t.fetch('/api/admin/v1/articles', json(owner, { title: 'Tomorrow', slug: 'tomorrow' }));
    const { article } = (await res.json()) as { article: { id: string } };
    const past = await t.fetch(
      `/api/admin/v1/articles/${article.id}/schedule`,
      json(owner, { published_at: '2001-01-01T00:00:00Z' }),
    );
    expect(past.status).toBe(400);
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const ok = await t.fetch(
      `/api/admin/v1/articles/${article.id}/schedule`,
      json(owner, { published_at: at }),
    );
    expect(
      ((await ok.json()) as { article: { status: string; published_at: string } }).article,
    ).toMatchObject({
      status: 'scheduled',
      published_at: at,
    });
    expect((await t.fetch('/api/content/v1/articles/tomorrow')).status).toBe(404);
  });

  it("keeps a pen name's real identity out of every API answer", async () => {
    const res = await t.fetch(
      '/api/admin/v1/authors',
      json(owner, { name: 'Anna North', is_pen_name: true, real_name: 'Ilse Hidden-Realname' }),
    );
    expect(res.status).toBe(201);
    const created = await res.text();
    expect(created).not.toContain('Hidden-Realname');
    const admin = await (await t.fetch('/api/admin/v1/authors', json(owner, undefined, 'GET'))).text();
    const content = await (await t.fetch('/api/content/v1/authors')).text();
    expect(admin + content).toContain('Anna North');
    expect(admin + content).not.toContain('Hidden-Realname');
    const row = await t.db.kysely
      .selectFrom('authors')
      .select('real_name_sealed')
      .where('name', '=', 'Anna North')
      .executeTakeFirstOrThrow();
    expect(row.real_name_sealed).toMatch(/^v1\./);
    expect(row.real_name_sealed).not.toContain('Hidden');
  });
});
