// The newsletter block and the support banner link pages other work builds. They show only while
// their feature answers: switched on in the settings AND routed by the server. Until then no page
// links them, so a reader never meets a 404 (the crawl in site-crawl.test.ts checks every link).
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../src/modules/site/index.ts';
import { PageCache } from '../../src/web/cache/index.ts';
import { between } from '../support/html-probe.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { startTestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

const ARTICLE = '/articles/lake-tuvor-is-shrinking-satellite-images';
/** A page of each kind the theme renders, the 404 included. */
const PAGES = [
  '/',
  ARTICLE,
  '/tag/environment',
  '/archive',
  '/search?q=lake',
  '/articles/no-such-story',
  '/ru/no-such-page',
];
/** Anything the two features put on a page. */
const FEATURE_MARKS = [
  'class="support-banner"',
  'Support Ilmara!',
  'class="newsletter"',
  'href="/support"',
  'action="/newsletter/subscribe"',
  'href="/newsletter/preview"',
  'href="/privacy"',
];

const patch = (key: string, body: unknown): RequestInit => ({
  method: 'PATCH',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe.each(testDatabases)('linked features (%s)', (dialect) => {
  let t: SiteTestApp;
  let owner: string;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
    owner = await t.key('owner');
  }, 120_000);
  afterAll(async () => t?.close());

  const features = async () =>
    (
      (await (
        await t.fetch('/api/admin/v1/settings', { headers: { authorization: `Bearer ${owner}` } })
      ).json()) as { settings: { features: Record<string, boolean> } }
    ).settings.features;

  const marksOn = async (path: string) => {
    const { html } = await t.page(path);
    return FEATURE_MARKS.filter((mark) => html.includes(mark));
  };

  /**
   * The same services behind a second server that also routes `routed` (stand-ins for the
   * newsletter and revenue modules), with a cache of its own: its pages differ from the first's.
   */
  async function siteWithRoutes(routed: Array<[method: 'GET' | 'POST', url: string]>) {
    const app: FastifyInstance = Fastify();
    for (const [method, url] of routed) app.route({ method, url, handler: async () => 'ok' });
    // Without the subscribers module, so its own newsletter routes are not there: the stand-ins are.
    const { subscribers: _routedHere, ...withoutNewsletter } = t.services;
    const site = await createSite(withoutNewsletter, {
      cache: new PageCache(),
      relatedArticleIds: t.services.relatedArticleIds,
    });
    await site.register(app);
    await app.ready();
    return {
      page: async (path: string) => (await app.inject(path)).body,
      close: () => app.close(),
    };
  }
  const ALL_ROUTES: Array<['GET' | 'POST', string]> = [
    // The site routes /support itself (the appeal); the checkout it posts to is the donations module's.
    ['POST', '/support/checkout'],
    ['POST', '/newsletter/subscribe'],
    ['GET', '/newsletter/preview'],
    ['GET', '/privacy'],
    ['GET', '/newsletter'],
  ];

  it('are off on a new site, on in the demo, and while off no page shows their banner, block or links', async () => {
    const fresh = await startTestApp(dialect);
    try {
      expect(fresh.services.settings.get().features).toEqual({ newsletter: false, support: false });
    } finally {
      await fresh.close();
    }
    // The demo shows the whole product.
    expect(await features()).toEqual({ newsletter: true, support: true });
    await t.fetch(
      '/api/admin/v1/settings',
      patch(owner, { features: { newsletter: false, support: false } }),
    );
    expect(await features()).toEqual({ newsletter: false, support: false });
    for (const path of PAGES) expect(await marksOn(path), path).toEqual([]);
  });

  it('switched on without their routes, still show nothing', async () => {
    // (This build routes the newsletter's pages itself: newsletter-signup.test.ts shows them.)
    const res = await t.fetch('/api/admin/v1/settings', patch(owner, { features: { support: true } }));
    expect(res.status).toBe(200);
    // Only what was named changes.
    expect(await features()).toEqual({ newsletter: false, support: true });
    await t.fetch('/api/admin/v1/settings', patch(owner, { features: { newsletter: true } }));
    expect(await features()).toEqual({ newsletter: true, support: true });
    // The same site without the newsletter pages (this build routes them: see below).
    const bare = await siteWithRoutes([]);
    try {
      for (const path of PAGES) {
        const html = await bare.page(path);
        expect(
          FEATURE_MARKS.filter((mark) => html.includes(mark)),
          path,
        ).toEqual([]);
      }
    } finally {
      await bare.close();
    }
  });

  it('show once switched on and routed, each only with all of its routes', async () => {
    await t.fetch('/api/admin/v1/settings', patch(owner, { features: { newsletter: true, support: true } }));
    const full = await siteWithRoutes(ALL_ROUTES);
    try {
      const html = await full.page(ARTICLE);
      expect(between(html, 'class="support-banner"', '</aside>')).toContain('href="/support"');
      expect(between(html, 'class="site-footer"', '</footer>')).toContain('href="/support"');
      const newsletter = between(html, 'class="newsletter"', '</section>');
      expect(newsletter).toContain('action="/newsletter/subscribe"');
      expect(newsletter).toContain(
        'Sign up for our free weekly newsletter — you will receive it every Friday',
      );
      expect(newsletter).toMatch(/<label[^>]*for="newsletter-email"/);
      expect(newsletter).toMatch(/<a href="\/newsletter\/preview">Preview<\/a>/);
      expect(newsletter).toMatch(/Subscribers agree to the <a href="\/privacy">Privacy Policy<\/a>/);
      // In the page's language.
      const ru = await full.page('/articles/ozero-tuvor-meleet-sputnikovye-snimki');
      for (const text of [
        'Поддержите «Ilmara»!',
        'Подпишитесь на нашу бесплатную еженедельную рассылку',
        'Политикой конфиденциальности',
      ]) {
        expect(ru).toContain(text);
      }
    } finally {
      await full.close();
    }

    // No privacy page: the newsletter block (whose consent line links it) stays hidden.
    const partial = await siteWithRoutes(ALL_ROUTES.filter(([, url]) => url !== '/privacy'));
    try {
      const html = await partial.page(ARTICLE);
      expect(html).toContain('class="support-banner"');
      expect(html).not.toContain('class="newsletter"');
      expect(html).not.toContain('href="/privacy"');
    } finally {
      await partial.close();
    }

    // Routed but switched off: nothing again.
    await t.fetch(
      '/api/admin/v1/settings',
      patch(owner, { features: { newsletter: false, support: false } }),
    );
    const off = await siteWithRoutes(ALL_ROUTES);
    try {
      const html = await off.page(ARTICLE);
      expect(FEATURE_MARKS.filter((mark) => html.includes(mark))).toEqual([]);
    } finally {
      await off.close();
    }
  });

  it('are stored: another process on the same database reads the switches', async () => {
    await t.fetch('/api/admin/v1/settings', patch(owner, { features: { newsletter: false, support: true } }));
    const other = await startTestApp(dialect, { db: t.db });
    try {
      expect(other.services.settings.get().features).toEqual({ newsletter: false, support: true });
    } finally {
      await other.close();
    }
  });

  it('refuse a switch that is not a boolean or not a feature, and change nothing', async () => {
    const before = await features();
    for (const body of [
      { features: { support: 'yes' } },
      { features: { donations: true } },
      { features: null },
    ]) {
      const res = await t.fetch('/api/admin/v1/settings', patch(owner, body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string } }).error;
      expect(error.code).toBe('invalid_input');
    }
    expect(await features()).toEqual(before);
  });
});
