import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_TEST_TIMEZONE, startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';

// The time zone and the languages with pages of their own are settings: the site reads them at
// each render, in this process and (through the change feed) in the others.

const SETTINGS = '/api/admin/v1/settings';
// 20:30 UTC on 28 February is already 1 March in Kolkata (UTC+5:30).
const LATE_EVENING = '2025-02-28T20:30:00.000Z';
const SLUG = 'late-evening-council-vote';

interface Settings {
  time_zone: string;
  languages: string[];
  name: string;
}

describe.each(testDatabases)('time zone and languages as settings on %s', (dialect) => {
  let t: SiteTestApp;
  let other: TestApp; // another process serving readers from the same database
  let owner: string;

  const request = (method: string, body?: unknown): RequestInit => ({
    method,
    headers: {
      authorization: `Bearer ${owner}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const settings = async () =>
    ((await (await t.fetch(SETTINGS, request('GET'))).json()) as { settings: Settings }).settings;
  const patch = async (body: unknown) => {
    const res = await t.fetch(SETTINGS, request('PATCH', body));
    return {
      status: res.status,
      body: (await res.json()) as { settings: Settings; error?: { code: string } },
    };
  };
  const storedRow = async () =>
    (await t.db.kysely.selectFrom('settings').select('value').where('key', '=', 'site').executeTakeFirst())
      ?.value;
  /** The publication time as the article page shows it in its <time datetime>. */
  const shownDate = async (app: TestApp) => {
    const html = await (await app.fetch(`/articles/${SLUG}`)).text();
    return /<p class="byline__dates">[\s\S]*?<time datetime="([^"]+)"/.exec(html)?.[1];
  };
  const archiveLists = async (app: TestApp, month: string) => {
    const res = await app.fetch(`/archive/2025/${month}`);
    return res.status === 200 && (await res.text()).includes(`/articles/${SLUG}"`);
  };

  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
    other = await startTestApp(dialect, { site: true, db: t.db, env: { TIMEZONE: SITE_TEST_TIMEZONE } });
    owner = await t.key('owner');
    const created = await t.fetch(
      '/api/admin/v1/articles',
      request('POST', {
        title: 'Late evening council vote',
        slug: SLUG,
        status: 'published',
        published_at: LATE_EVENING,
      }),
    );
    expect(created.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('start from the config: TIMEZONE, and every interface language', async () => {
    const current = await settings();
    expect(current.time_zone).toBe(SITE_TEST_TIMEZONE);
    expect(current.languages).toEqual(['ru']);
  });

  it('a time zone change moves a late-evening article’s date on its page and in the archive, in every process', async () => {
    // Warm the caches of both processes first (twice: the second is answered from the cache): the
    // change must reach cached pages too.
    for (const app of [t, other]) {
      expect(await shownDate(app)).toBe('2025-03-01T02:00:00+05:30');
      expect(await shownDate(app)).toBe('2025-03-01T02:00:00+05:30');
      await archiveLists(app, '03');
      expect(await archiveLists(app, '03')).toBe(true);
      expect(await archiveLists(app, '02')).toBe(false);
    }
    const saved = await patch({ time_zone: 'UTC' });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.time_zone).toBe('UTC');
    expect(await shownDate(t)).toMatch(/^2025-02-28T20:30:00(Z|\+00:00)$/);
    expect(await archiveLists(t, '02')).toBe(true);
    expect(await archiveLists(t, '03')).toBe(false);
    await waitFor(async () => /^2025-02-28T20:30/.test((await shownDate(other)) ?? ''), {
      message: 'the other process shows the new time zone',
    });
    expect(await archiveLists(other, '02')).toBe(true);
    expect(await archiveLists(other, '03')).toBe(false);
    // Back to the config's zone, set explicitly this time.
    expect((await patch({ time_zone: SITE_TEST_TIMEZONE })).status).toBe(200);
    expect(await shownDate(t)).toBe('2025-03-01T02:00:00+05:30');
  });

  it('switching Russian off makes its pages 404 and takes it out of alternates, footer and sitemap', async () => {
    const home = async (app: TestApp) => (await app.fetch('/')).text();
    const sitemap = async (app: TestApp) => (await app.fetch('/sitemap.xml')).text();
    for (const app of [t, other]) {
      expect((await app.fetch('/ru/')).status).toBe(200);
      expect((await app.fetch('/ru/')).status).toBe(200);
      await home(app);
      expect(
        await (await app.fetch('/articles/pochemu-nashi-zhurnalisty-pishut-pod-psevdonimami')).text(),
      ).toContain('href="/ru/');
      expect((await app.fetch('/ru/feed.xml')).status).toBe(200);
      expect(await home(app)).toContain('hreflang="ru" href="https://news.example/ru/"');
      expect(await sitemap(app)).toContain('/sitemaps/pages-ru-1.xml');
    }
    const saved = await patch({ languages: [] });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.languages).toEqual([]);
    const check = async (app: TestApp) => {
      for (const path of [
        '/ru/',
        '/ru/page/2',
        '/ru/tag/economy',
        '/ru/archive',
        '/ru/search',
        '/ru/feed.xml',
      ]) {
        expect((await app.fetch(path)).status, path).toBe(404);
      }
      const html = await home(app);
      expect(html).not.toContain('hreflang=');
      expect(html).not.toContain('href="/ru/"');
      expect(await sitemap(app)).not.toContain('pages-ru-');
      expect((await app.fetch('/sitemaps/pages-ru-1.xml')).status).toBe(404);
      // Articles in Russian stay where they are, with the default language's addresses around them.
      const ru = await app.fetch('/articles/pochemu-nashi-zhurnalisty-pishut-pod-psevdonimami');
      expect(ru.status).toBe(200);
      expect(await ru.text()).not.toContain('href="/ru/');
    };
    await check(t);
    await waitFor(async () => (await other.fetch('/ru/')).status === 404, {
      message: 'the other process drops the Russian pages',
    });
    await check(other);
    expect((await patch({ languages: ['ru'] })).status).toBe(200);
    expect((await t.fetch('/ru/')).status).toBe(200);
    expect(await home(t)).toContain('hreflang="ru" href="https://news.example/ru/"');
  });

  it('bad input answers 400 invalid_input and changes nothing', async () => {
    const before = await storedRow();
    const current = await settings();
    for (const body of [
      { time_zone: 'Mars/Olympus' },
      { time_zone: '+02:00' },
      { time_zone: '' },
      { time_zone: 'Europe/Riga', languages: ['de'] },
      { languages: ['en'] }, // the default language: its pages are at /
      { languages: ['ru', 'ru'] },
      { languages: 'ru' },
      { name: 'Renamed', languages: ['en', 'ru'] },
    ]) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code, JSON.stringify(body)).toBe('invalid_input');
    }
    expect(await storedRow()).toBe(before);
    expect(await settings()).toEqual(current);
  });

  it('accepts a valid IANA zone', async () => {
    const res = await patch({ time_zone: 'Europe/Riga' });
    expect(res.status).toBe(200);
    expect((await settings()).time_zone).toBe('Europe/Riga');
  });
});
