// The newsletter's signup path end to end through real HTTP on both databases: the form POST
// (no JavaScript), the confirmation mail read back from the outbox, double opt-in, consent
// records, signed links (preferences, unsubscribe incl. RFC 8058 one-click), data download,
// erasure, abuse controls, expiry of unconfirmed signups, and no address in the database in clear.
import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../../src/modules/rate-limits/index.ts';
import { SIGNUP_RANGE_LIMIT } from '../../src/modules/subscribers/index.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { form } from '../support/form-post.ts';

describe.each(testDatabases)('newsletter signup (%s)', (dialect) => {
  let t: SiteTestApp;
  let clock = new Date('2026-11-30T10:00:00.000Z');
  beforeAll(async () => {
    t = await startSiteTestApp(dialect, { seed: false });
    const owner = await t.key('owner');
    const res = await t.fetch('/api/admin/v1/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ features: { newsletter: true } }),
    });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    // Responses whose bodies a test did not read keep their connections: do not wait for them.
    t?.app.server.closeAllConnections();
    await t?.close();
  });

  const mails = async (to: string) => {
    const entries = (await t.services.outbox!.list()).filter((e) => e.to === to);
    return Promise.all(entries.map(async (e) => (await t.services.outbox!.get(e.id))!));
  };
  const confirmPath = (text: string) => {
    const url = /https:\/\/news\.example(\/newsletter\/confirm\/[\w.-]+)/.exec(text);
    expect(url).not.toBeNull();
    return url![1]!;
  };
  const subscribe = (email: string, extra: Array<[string, string]> = []) =>
    t.fetch(
      '/newsletter/subscribe',
      form([
        ...extra,
        ['email', email],
        ['list', 'nl-weekly'],
        ['source', '/articles/some-story'],
        ['language', 'en'],
        ['website', ''],
      ]),
    );
  const subscriber = async (email: string) => {
    const found = await t.services.subscribers.admin.list(
      { kind: 'system', id: 'system', role: 'owner', label: 'test' },
      { email, limit: 5 },
    );
    return found.items[0];
  };

  it('shows the form with the lists, the default ticked, on /newsletter and the home page', async () => {
    const { status, html } = await t.page('/newsletter');
    expect(status).toBe(200);
    expect(html).toContain('action="/newsletter/subscribe"');
    expect(html).toMatch(
      /<input type="checkbox" id="newsletter-list-1" name="list" value="nl-weekly" checked>/,
    );
    expect(html).toMatch(/value="nl-breaking">/);
    expect(html).toContain('Sign up for our free weekly newsletter');
    expect(html).toMatch(/Subscribers agree to the <a href="\/privacy">Privacy Policy<\/a>/);
    expect((await t.page('/')).html).toContain('action="/newsletter/subscribe"');
    const ru = await t.page('/ru/newsletter');
    expect(ru.html).toContain('Рассылки');
    expect((await t.page('/privacy')).html).toContain('Version 1');
    const preview = await t.fetch('/newsletter/preview', { redirect: 'manual' });
    expect([200, 303]).toContain(preview.status);
    if (preview.status === 200) expect(await preview.text()).toContain('No issue yet');
    else await preview.body?.cancel();
  });

  it('answers the same page whether the address is new or known, and mails a confirmation', async () => {
    const first = await subscribe('Reader@NewsRoom.org', [['list', 'nl-breaking']]);
    expect(first.status).toBe(200);
    const firstHtml = await first.text();
    expect(firstHtml).toContain('Check your inbox');
    const again = await (await subscribe('reader@newsroom.org')).text();
    const stranger = await (await subscribe('someone-else@newsroom.org')).text();
    expect(again).toBe(firstHtml);
    expect(stranger).toBe(firstHtml);
    const sent = await mails('reader@newsroom.org');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.subject).toMatch(/Confirm your subscription/);
    expect(sent[0]!.text).not.toMatch(/track|pixel/i);
  });

  it('confirms from the link (GET shows a button, POST confirms; twice is harmless), recording consent', async () => {
    const [latest] = (await mails('reader@newsroom.org')).sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
    const path = confirmPath(latest!.text);
    expect((await t.page(path)).html).toContain('<form method="post"');
    expect(await t.services.subscribers.countRecipients('nl-weekly')).toBe(0);
    const done = await t.fetch(path, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are subscribed');
    const twice = await t.fetch(path, { method: 'POST' });
    expect(twice.status).toBe(200);
    expect(await t.services.subscribers.countRecipients('nl-weekly')).toBe(1);
    expect(await t.services.subscribers.countRecipients('nl-breaking')).toBe(1);
    const who = (await subscriber('reader@newsroom.org'))!;
    const consents = await t.db.kysely
      .selectFrom('consents')
      .selectAll()
      .where('subscriber_id', '=', who.id)
      .execute();
    // One record per request: the weekly list was asked for twice.
    expect(
      consents.map((c) => [c.newsletter_id, c.action, c.basis, Number(c.policy_version), c.source]).sort(),
    ).toEqual([
      ['nl-breaking', 'granted', 'signup', 1, '/articles/some-story'],
      ['nl-weekly', 'granted', 'signup', 1, '/articles/some-story'],
      ['nl-weekly', 'granted', 'signup', 1, '/articles/some-story'],
    ]);
    // The first mail's link was revoked by the second signup.
    const [oldest] = (await mails('reader@newsroom.org')).sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    if (confirmPath(oldest!.text) !== path)
      expect((await t.fetch(confirmPath(oldest!.text), { method: 'POST' })).status).toBe(404);
  });

  it('refuses tampered and unknown links with a clear page, changing nothing', async () => {
    const who = (await subscriber('reader@newsroom.org'))!;
    const links = t.services.subscribers.links(who.id, 'nl-weekly');
    const unsub = new URL(links.unsubscribeUrl).pathname;
    const tampered = unsub.slice(0, -3) + (unsub.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const path of [
      tampered,
      '/newsletter/unsubscribe/nonsense',
      '/newsletter/preferences/x.y',
      '/newsletter/confirm/abc',
    ]) {
      const res = await t.fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain('This link does not work');
      expect(html).not.toContain('reader@newsroom.org');
    }
    expect(await t.services.subscribers.countRecipients('nl-weekly')).toBe(1);
    const other = t.services.subscribers.links('no-such-subscriber', 'nl-weekly');
    expect((await t.fetch(new URL(other.unsubscribeUrl).pathname)).status).toBe(404);
  });

  it('unsubscribes with RFC 8058 one-click (no cookie), url-encoded or multipart', async () => {
    const who = (await subscriber('reader@newsroom.org'))!;
    const weekly = new URL(t.services.subscribers.links(who.id, 'nl-weekly').unsubscribeUrl).pathname;
    const page = await t.page(weekly);
    expect(page.html).toContain('Weekly digest');
    const res = await t.fetch(weekly, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(await t.services.subscribers.countRecipients('nl-weekly')).toBe(0);
    const breaking = new URL(t.services.subscribers.links(who.id, 'nl-breaking').unsubscribeUrl).pathname;
    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    expect((await t.fetch(breaking, { method: 'POST', body: multipart })).status).toBe(200);
    expect(await t.services.subscribers.countRecipients('nl-breaking')).toBe(0);
    // Again: harmless.
    expect((await t.fetch(breaking, { method: 'POST', body: multipart })).status).toBe(200);
    const withdrawn = await t.db.kysely
      .selectFrom('consents')
      .select(['newsletter_id', 'basis'])
      .where('subscriber_id', '=', who.id)
      .where('action', '=', 'withdrawn')
      .execute();
    expect(withdrawn.map((w) => [w.newsletter_id, w.basis]).sort()).toEqual([
      ['nl-breaking', 'one-click'],
      ['nl-weekly', 'one-click'],
    ]);
  });

  it('changes lists and pauses from the preferences link, downloads the data, erases', async () => {
    const who = (await subscriber('reader@newsroom.org'))!;
    const prefs = new URL(t.services.subscribers.links(who.id, 'nl-weekly').preferencesUrl).pathname;
    expect((await t.page(prefs)).html).toContain('reader@newsroom.org');
    const saved = await t.fetch(prefs, form([['list', 'nl-weekly']]));
    expect(await saved.text()).toContain('Your choices are saved.');
    expect(await t.services.subscribers.countRecipients('nl-weekly')).toBe(1);
    await t.fetch(
      prefs,
      form([
        ['list', 'nl-weekly'],
        ['paused', '1'],
      ]),
    );
    expect(await t.services.subscribers.countRecipients('nl-weekly')).toBe(0);
    await t.fetch(prefs, form([['list', 'nl-weekly']]));
    expect(await t.services.subscribers.countRecipients('nl-weekly')).toBe(1);
    const data = await t.fetch(`${prefs}/data.json`);
    expect(data.headers.get('content-disposition')).toContain('attachment');
    const json = (await data.json()) as { email: string; consents: unknown[] };
    expect(json.email).toBe('reader@newsroom.org');
    expect(json.consents.length).toBeGreaterThanOrEqual(4);
    // Without the confirming box ticked, nothing is erased.
    await t.fetch(`${prefs}/erase`, form([]));
    expect(await subscriber('reader@newsroom.org')).toBeDefined();
    expect((await t.fetch(`${prefs}/erase`, form([['confirm', '1']]))).status).toBe(200);
    expect(await subscriber('reader@newsroom.org')).toBeUndefined();
    for (const table of ['consents', 'subscriptions', 'subscribers'] as const) {
      const column = table === 'subscribers' ? 'id' : 'subscriber_id';
      expect(await t.db.kysely.selectFrom(table).select(column).where(column, '=', who.id).execute()).toEqual(
        [],
      );
    }
    expect((await t.fetch(prefs)).status).toBe(404);
  });

  it('refuses bad addresses clearly, ignores the honeypot, and limits mail per address and signups per range', async () => {
    for (const bad of [
      'not-an-address',
      'a@newsroom.org\r\nBcc: x@newsroom.org',
      `${'a'.repeat(300)}@newsroom.org`,
      'x@example.com',
    ]) {
      const res = await subscribe(bad);
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain('does not look like an email address');
    }
    expect((await t.fetch('/newsletter/subscribe', form([['email', 'ok@newsroom.org']]))).status).toBe(400);
    const bot = await subscribe('bot-target@newsroom.org', [['website', 'https://spam.example']]);
    expect(await bot.text()).toContain('Check your inbox');
    expect(await subscriber('bot-target@newsroom.org')).toBeUndefined();
    for (let i = 0; i < 4; i++) expect((await subscribe('flooded@newsroom.org')).status).toBe(200);
    expect(await mails('flooded@newsroom.org')).toHaveLength(3);
    const limits = createRateLimits({ db: t.db, hashingKey: t.services.keys.hashing });
    for (let i = 0; i < SIGNUP_RANGE_LIMIT.limit; i++) await limits.hit(SIGNUP_RANGE_LIMIT, '127.0.0.0/24');
    const limited = await subscribe('late@newsroom.org');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    await limits.reset(SIGNUP_RANGE_LIMIT, '127.0.0.0/24');
  });

  it('deletes unconfirmed signups once their link expired (idempotent)', async () => {
    expect(await subscriber('someone-else@newsroom.org')).toBeDefined();
    const realNow = Date.now;
    void realNow;
    clock = new Date(Date.now() + 73 * 3600_000);
    const { createSubscribers } = await import('../../src/modules/subscribers/index.ts');
    const later = createSubscribers({
      db: t.db,
      keys: t.services.keys,
      mailer: t.services.mailer,
      jobs: t.services.jobs,
      rateLimits: createRateLimits({ db: t.db, hashingKey: t.services.keys.hashing }),
      siteUrl: 'https://news.example',
      mailFrom: 'news@news.example',
      publicationName: () => 'Test',
      softBounceLimit: 3,
      confirmHours: 72,
      now: () => clock,
    });
    expect(await later.signup.expire()).toBeGreaterThan(0);
    expect(await later.signup.expire()).toBe(0);
    expect(await subscriber('someone-else@newsroom.org')).toBeUndefined();
    expect(await subscriber('flooded@newsroom.org')).toBeUndefined();
  });

  it('keeps no address in the database in plain text', async () => {
    await subscribe('plain-text-check@newsroom.org');
    const tables = ['subscribers', 'subscriptions', 'consents', 'rate_limit_counters', 'jobs'] as const;
    for (const table of tables) {
      const rows = await t.db.kysely.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows), table).not.toContain('newsroom.org');
    }
    if (dialect === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.db.kysely);
      const { rows } = await sql<{ file: string }>`PRAGMA database_list`.execute(t.db.kysely);
      const file = rows.find((r) => r.file)!.file;
      for (const path of [file, `${file}-wal`]) {
        if (existsSync(path)) expect(readFileSync(path).includes('plain-text-check')).toBe(false);
      }
    }
  });
});
