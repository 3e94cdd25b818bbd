import { systemActor } from '../../src/modules/staff/actor.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupHash, seal } from '../../src/crypto/sealed-box.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { testDatabases } from '../support/test-db.ts';

// The newsletter web archive over real HTTP: an issue sent by the engine through a local SMTP
// server is listed, `latest` leads to it, its page shows its articles, and the email's "view in
// browser" link answers.

describe.each(testDatabases)('newsletter web archive (%s)', (dialect) => {
  let t: SiteTestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startSiteTestApp(dialect, { env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  async function subscribe(listSlug: string, email: string) {
    const { db, keys } = t.services;
    const list = await db.kysely
      .selectFrom('newsletters')
      .select('id')
      .where('slug', '=', listSlug)
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const id = `sub-${listSlug}-${email}`;
    await db.kysely
      .insertInto('subscribers')
      .values({
        id,
        email_sealed: seal(keys.encryption, email),
        email_hash: lookupHash(keys.hashing, email),
        name_sealed: seal(keys.encryption, 'Reader'),
        language: 'en',
        status: 'confirmed',
        suppressed_reason: null,
        suppressed_detail: null,
        suppressed_at: null,
        soft_bounces: 0,
        link_version: 1,
        created_at: at,
        confirmed_at: at,
        confirm_expires_at: null,
        updated_at: at,
      })
      .execute();
    await db.kysely
      .insertInto('subscriptions')
      .values({
        newsletter_id: list.id,
        subscriber_id: id,
        status: 'active',
        subscriber_status: 'confirmed',
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  it('is empty before anything goes out, and latest leads to the index', async () => {
    const index = await t.page('/newsletter/archive/');
    expect(index.status).toBe(200);
    expect(index.html).toContain('No issue has gone out yet.');
    const latest = await t.fetch('/newsletter/archive/latest', { redirect: 'manual' });
    expect(latest.status).toBe(302);
    expect(new URL(latest.headers.get('location')!, t.baseUrl).pathname).toBe('/newsletter/archive/');
    const ru = await t.page('/ru/newsletter/archive/');
    expect(ru.status).toBe(200);
    expect(ru.html).toContain('Архив рассылки');
  });

  it('lists a sent issue, redirects latest to it, shows its articles; the email links to it', async () => {
    await subscribe('breaking', 'reader@example.net');
    const article = await t.services.db.kysely
      .selectFrom('articles')
      .select(['id', 'slug', 'title', 'standfirst'])
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .executeTakeFirstOrThrow();
    // Cached before the send: the send must clear it.
    expect((await t.page('/newsletter/archive/')).html).toContain('No issue has gone out yet.');

    const issue = await t.services.newsletters.breaking(systemActor, article.id);
    // A draft is not public.
    expect((await t.fetch(`/newsletter/archive/${issue.slug}`)).status).toBe(404);
    const outcome = await t.services.newsletters.send(systemActor, issue.id);
    expect(outcome.state).toBe('done');
    expect(sink.received.map((m) => m.to)).toEqual(['reader@example.net']);

    const index = await t.page('/newsletter/archive/');
    expect(index.html).toContain(`href="/newsletter/archive/${issue.slug}"`);
    const latest = await t.fetch('/newsletter/archive/latest', { redirect: 'manual' });
    expect(latest.status).toBe(302);
    expect(new URL(latest.headers.get('location')!, t.baseUrl).pathname).toBe(
      `/newsletter/archive/${issue.slug}`,
    );

    const page = await t.page(`/newsletter/archive/${issue.slug}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="/articles/${article.slug}"`);
    expect(page.html).toContain(escape(article.title));
    // By number in the default list it is another list's issue: not found.
    expect((await t.fetch('/newsletter/archive/no-such-issue')).status).toBe(404);

    // The email's "view in browser" link is this page, and it answers.
    const raw = sink.received[0]!.raw.toString('utf8').replace(/=\r?\n/g, '');
    const text = raw.match(/View this issue in your browser: (\S+)/);
    expect(text).not.toBeNull();
    const view = new URL(text![1]!);
    expect(view.pathname).toBe(`/newsletter/archive/${issue.slug}`);
    expect((await t.fetch(view.pathname)).status).toBe(200);
    expect((await t.page(`/ru/newsletter/archive/${issue.slug}`)).html).toContain('Все выпуски');
  });
});

function escape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
