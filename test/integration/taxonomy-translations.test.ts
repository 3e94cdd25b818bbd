import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publishArticle, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

interface Translation {
  name: string;
  slug: string | null;
  description?: string;
  bio?: string;
}
type OneTag = { tag: { id: string; slug: string; translations: Record<string, Translation> } };
type OneAuthor = { author: { id: string; slug: string; translations: Record<string, Translation> } };
type ErrorJson = { error: { code: string; message: string; details: unknown } };

describe.each(testDatabases)('sections, tags and authors in other languages (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let weather: OneTag['tag'];
  let lind: OneAuthor['author'];

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    admin = adminClient(t, await t.key('owner'));
    weather = (
      await admin.post<OneTag>('/tags', {
        name: 'Weather',
        description: 'Rain and shine.',
        is_section: true,
        nav_order: 1,
        translations: { ru: { name: 'Погода', description: 'Дождь и солнце.' } },
      })
    ).body.tag;
    lind = (
      await admin.post<OneAuthor>('/authors', {
        name: 'Vera Lind',
        translations: { ru: { name: 'Вера Линд', slug: 'vera-lind-ru', bio: 'Пишет о погоде.' } },
      })
    ).body.author;
    // A section without any translation: Russian pages fall back to its English name and slug.
    const plain = (await admin.post<OneTag>('/tags', { name: 'Harbour', is_section: true, nav_order: 2 }))
      .body.tag;
    const second = (await admin.post<OneAuthor>('/authors', { name: 'Olga Brandt' })).body.author;
    await publishArticle(admin, {
      title: 'Шторм "Алиса" дошёл до гавани',
      language: 'ru',
      author_ids: [lind.id, second.id],
      tag_ids: [weather.id, plain.id],
    });
    await publishArticle(admin, {
      title: 'A "storm" reached the harbour',
      language: 'en',
      author_ids: [lind.id],
      tag_ids: [weather.id],
    });
  });
  afterAll(async () => t?.close());

  const get = async (path: string) => {
    const res = await t.fetch(path);
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
  };

  it('takes and answers translations snake_case, a slug made from the name when none is given', () => {
    expect(weather.translations).toEqual({
      ru: { name: 'Погода', slug: 'pogoda', description: 'Дождь и солнце.' },
    });
    expect(lind.translations.ru).toEqual({ name: 'Вера Линд', slug: 'vera-lind-ru', bio: 'Пишет о погоде.' });
  });

  it('replaces a language on update, removes it with null, and refuses a slug another holds', async () => {
    const other = (await admin.post<OneTag>('/tags', { name: 'Ports' })).body.tag;
    const taken = await admin.patch<ErrorJson>(`/tags/${other.id}`, {
      name: 'Docks',
      translations: { ru: { name: 'Погода', slug: 'pogoda' } },
    });
    expect(taken.status).toBe(409);
    // Bad input changes nothing: not even the fields sent beside the translation.
    const after = await admin.get<{ tags: Array<OneTag['tag'] & { name: string }> }>('/tags');
    expect(after.body.tags.find((x) => x.id === other.id)).toMatchObject({ name: 'Ports', translations: {} });
    const shadow = await admin.patch<ErrorJson>(`/tags/${other.id}`, {
      translations: { ru: { name: 'Гавань', slug: 'weather' } },
    });
    expect(shadow.status).toBe(409);

    const set = await admin.patch<OneTag>(`/tags/${other.id}`, {
      translations: { ru: { name: 'Порты', slug: 'porty' }, uk: { name: 'Порти' } },
    });
    expect(set.status).toBe(200);
    expect(Object.keys(set.body.tag.translations).sort()).toEqual(['ru', 'uk']);
    const removed = await admin.patch<OneTag>(`/tags/${other.id}`, { translations: { uk: null } });
    expect(removed.body.tag.translations).toEqual({
      ru: { name: 'Порты', slug: 'porty', description: '' },
    });
    expect(
      (await admin.patch<ErrorJson>(`/tags/${other.id}`, { translations: { Russian: {} } })).status,
    ).toBe(400);
  });

  it('shows Russian pages with Russian names and slugs, and falls back where there are none', async () => {
    const home = await get('/ru/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<html lang="ru"');
    expect(home.text).toContain('href="/ru/tag/pogoda"');
    expect(home.text).toContain('>Погода</a>');
    // Untranslated: the English name under the Russian prefix, never a broken link.
    expect(home.text).toContain('href="/ru/tag/harbour"');
    const section = await get('/ru/tag/pogoda');
    expect(section.status).toBe(200);
    expect(section.text).toContain('Дождь и солнце.');
    expect(section.text).toContain(`<link rel="canonical" href="${TEST_SITE_URL}/ru/tag/pogoda">`);
    expect(section.text).toContain(`hreflang="en" href="${TEST_SITE_URL}/tag/weather"`);
    expect(section.text).toContain(`hreflang="x-default" href="${TEST_SITE_URL}/tag/weather"`);
    expect((await get('/ru/tag/harbour')).status).toBe(200);
    const author = await get('/ru/author/vera-lind-ru');
    expect(author.text).toContain('Вера Линд');
    expect(author.text).toContain('Пишет о погоде.');
    // The English pages keep their names and addresses.
    const english = await get('/tag/weather');
    expect(english.text).toContain('Rain and shine.');
    expect((await get('/tag/pogoda')).status).toBe(404);
  });

  it('joins a Russian byline with и and quotes the Russian way', async () => {
    const home = await get('/ru/');
    const slug = /href="\/articles\/([a-z0-9-]+)"[^>]*>Шторм/.exec(home.text)?.[1];
    expect(slug).toBeTruthy();
    const article = await get(`/articles/${slug}`);
    expect(article.text).toMatch(/Авторы: <a href="\/ru\/author\/vera-lind-ru"[^>]*>Вера Линд<\/a> и <a/);
    expect(article.text).toContain('Шторм «Алиса» дошёл до гавани');
    const english = await get('/tag/weather');
    expect(english.text).toContain('A “storm” reached the harbour');
  });

  it('has a home page, feeds and a sitemap per language, linked to each other', async () => {
    const home = await get('/');
    expect(home.text).toContain(`<link rel="alternate" hreflang="ru" href="${TEST_SITE_URL}/ru/">`);
    expect(home.text).toContain(`<link rel="alternate" hreflang="x-default" href="${TEST_SITE_URL}/">`);
    const ru = await get('/ru/');
    expect(ru.text).toContain('href="/ru/feed.xml"');
    expect((await t.fetch('/ru', { redirect: 'manual' })).headers.get('location')).toBe('/ru/');

    const feed = await get('/ru/feed.xml');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('<language>ru</language>');
    expect(feed.text).toContain('Шторм');
    expect(feed.text).not.toContain('reached the harbour');
    expect((await get('/ru/atom.xml')).status).toBe(200);
    expect((await get('/ru/feed.json')).type).toContain('feed+json');
    expect((await get('/ru/tag/pogoda/feed.xml')).text).toContain('Погода');

    const index = await get('/sitemap.xml');
    expect(index.text).toContain(`${TEST_SITE_URL}/sitemaps/pages-ru-1.xml`);
    const pages = await get('/sitemaps/pages-ru-1.xml');
    expect(pages.text).toContain(`${TEST_SITE_URL}/ru/tag/pogoda`);
    expect(pages.text).toContain(`${TEST_SITE_URL}/ru/author/vera-lind-ru`);
    expect((await get('/sitemaps/pages-zz-1.xml')).status).toBe(404);
  });

  it('speaks Russian on a page that does not exist under /ru/', async () => {
    const missing = await get('/ru/tag/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<html lang="ru"');
    expect(missing.text).toContain('Страница не найдена');
  });
});
