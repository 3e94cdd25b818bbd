import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authenticate } from 'mailauth';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupHash, seal } from '../../src/crypto/sealed-box.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { foreignResourceUrls } from '../support/foreign-urls.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';

// A real issue through the real SMTP adapter to an SMTP server on 127.0.0.1, DKIM-signed with a
// key made for the run: each message's signature verified by mailauth against the public key
// (served by a resolver function standing in for DNS), and its parts and headers read by
// mailparser. The footer carries the mirror list (MIRRORS), in both parts.

const SITE = 'https://news.example';
const MIRRORS =
  'https://mirror-one.example.net/|Mirror in Finland;https://t.me/newsroomchannel|Our Telegram channel';
const MIRROR_URLS = ['https://mirror-one.example.net/', 'https://t.me/newsroomchannel'];
const ONION = `http://${'newsroom'.repeat(7)}.onion`;
const READERS = ['ana@newsroom.org', 'boris@newsroom.org', 'chloe@newsroom.org'];

describe.each(testDatabases)('a newsletter issue as received (%s)', (dialect) => {
  let t: SiteTestApp;
  let sink: SmtpSink;
  let dnsTxt: string;
  let messages: Array<{ to: string; raw: Buffer; parsed: ParsedMail }> = [];
  let issueSlug = '';
  let articleLinks = new Set<string>();

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(tempDir('dkim'), 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    dnsTxt = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    sink = await startSmtpSink();
    t = await startSiteTestApp(dialect, {
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Newsroom <desk@news.example>',
        DKIM_DOMAIN: 'news.example',
        DKIM_SELECTOR: 'mail2026',
        DKIM_PRIVATE_KEY_FILE: keyFile,
        MIRRORS,
        ONION_ADDRESS: ONION,
      },
      envAfterSeed: true,
    });
    const { db, keys } = t.services;
    const list = await db.kysely
      .selectFrom('newsletters')
      .select('id')
      .where('slug', '=', 'breaking')
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    for (const [i, email] of READERS.entries()) {
      const id = `sub-${i}`;
      await db.kysely
        .insertInto('subscribers')
        .values({
          id,
          email_sealed: seal(keys.encryption, email),
          email_hash: lookupHash(keys.hashing, email),
          name_sealed: i === 0 ? seal(keys.encryption, 'Ana') : null,
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
    const article = await db.kysely
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .executeTakeFirstOrThrow();
    const body = (
      await db.kysely
        .selectFrom('articles')
        .select('body')
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow()
    ).body;
    articleLinks = new Set([...String(body).matchAll(/"href":"([^"]+)"/g)].map((x) => x[1]!));
    const issue = await t.services.newsletters.breaking(systemActor, article.id);
    issueSlug = issue.slug;
    const outcome = await t.services.newsletters.send(systemActor, issue.id);
    expect(outcome.state).toBe('done');
    messages = await Promise.all(
      sink.received.map(async (m) => ({ ...m, parsed: await simpleParser(m.raw) })),
    );
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  }, 120_000);

  const resolver = async (name: string, type: string) => {
    if (type === 'TXT' && name === 'mail2026._domainkey.news.example') return [[dnsTxt]];
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
  };

  it('reaches every reader once, each with a Message-ID of its own', () => {
    expect(messages.map((m) => m.to).sort()).toEqual([...READERS].sort());
    const ids = messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(READERS.length);
    for (const id of ids) expect(id).toMatch(/^<[^<>@\s]+@news\.example>$/);
  });

  it('carries a DKIM signature of news.example that verifies', async () => {
    for (const m of messages) {
      const result = await authenticate(m.raw, {
        ip: '127.0.0.1',
        helo: 'relay.news.example',
        sender: 'desk@news.example',
        mta: 'mx.newsroom.org',
        resolver,
      });
      const dkim = result.dkim.results;
      expect(dkim).toHaveLength(1);
      expect(dkim[0]).toMatchObject({
        signingDomain: 'news.example',
        selector: 'mail2026',
        status: { result: 'pass' },
      });
    }
    // RFC 8058: both unsubscribe headers are under the signature.
    const head = messages[0]!.raw
      .toString('utf8')
      .split('\r\n\r\n')[0]!
      .replace(/\r\n[ \t]+/g, ' ');
    const signed = /^DKIM-Signature:.*?\bh=([^;]+)/m
      .exec(head)![1]!
      .replace(/\s/g, '')
      .toLowerCase()
      .split(':');
    expect(signed).toEqual(
      expect.arrayContaining(['list-id', 'list-unsubscribe', 'list-unsubscribe-post', 'message-id', 'from']),
    );
    // A changed byte in the body breaks it: the check is real.
    const raw = messages[0]!.raw.toString('latin1');
    const at = raw.indexOf('\r\n\r\n') + 200;
    const tampered = Buffer.from(
      raw.slice(0, at) + (raw[at] === 'x' ? 'y' : 'x') + raw.slice(at + 1),
      'latin1',
    );
    const broken = await authenticate(tampered, {
      ip: '127.0.0.1',
      helo: 'h',
      sender: 'desk@news.example',
      mta: 'mx',
      resolver,
    });
    expect(broken.dkim.results[0]!.status.result).not.toBe('pass');
  });

  type ListHeaders = {
    id: { id: string; name: string };
    unsubscribe: { mail: string; url: string };
    'unsubscribe-post': { name: string };
  };
  const listHeaders = (m: { parsed: ParsedMail }) => m.parsed.headers.get('list') as ListHeaders;

  it('has html and text parts, the list headers of RFC 2369, 2919 and 8058', () => {
    for (const m of messages) {
      const p = m.parsed;
      expect(p.html).toContain('</html>');
      expect(p.text).toContain('Unsubscribe: https://news.example/');
      const list = listHeaders(m);
      expect(list.id.id).toBe('breaking.news.example');
      // The bare address (MAIL_FROM has a display name), and the reader's own token as subject.
      expect(list.unsubscribe.mail).toMatch(/^desk@news\.example\?subject=unsubscribe%20\S+$/);
      expect(list.unsubscribe.url).toMatch(/^https:\/\/news\.example\/\S+$/);
      expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click');
      const rawHeader = m.raw
        .toString('utf8')
        .split('\r\n\r\n')[0]!
        .replace(/\r\n[ \t]+/g, ' ');
      expect(rawHeader).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(rawHeader).toMatch(
        /^List-Unsubscribe: <mailto:desk@news\.example\?subject=unsubscribe%20[^>\s]+>, <https:\/\/news\.example\/[^>\s]+>$/m,
      );
    }
    // Per recipient: each reader's own links.
    expect(new Set(messages.map((m) => listHeaders(m).unsubscribe.url)).size).toBe(READERS.length);
    const mailtos = messages.map(
      (m) => /<mailto:([^>]+)>/.exec(m.raw.toString('utf8').replace(/\r\n[ \t]+/g, ' '))?.[1],
    );
    expect(new Set(mailtos).size).toBe(READERS.length);
  });

  it('links "view in browser" to the issue in the default-language archive, which answers', async () => {
    const m = messages[0]!;
    const html = m.parsed.html as string;
    const href = /<a href="([^"]+)"[^>]*>View this issue in your browser<\/a>/.exec(html)?.[1];
    expect(href).toBe(`${SITE}/newsletter/archive/${issueSlug}`);
    expect(m.parsed.text).toContain(
      `View this issue in your browser: ${SITE}/newsletter/archive/${issueSlug}`,
    );
    expect((await t.fetch(new URL(href!).pathname)).status).toBe(200);
  });

  it('names no other origin in its HTML but the mirror list; fetches nothing from elsewhere', () => {
    for (const m of messages) {
      const html = m.parsed.html as string;
      expect(foreignResourceUrls(html, SITE)).toEqual([]);
      const hrefs = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((x) => x[1]!.replace(/&amp;/g, '&'));
      // Links the journalists put in the article itself may lead anywhere; nothing else may.
      const foreign = hrefs.filter(
        (u) => !u.startsWith(`${SITE}/`) && !u.startsWith('mailto:') && !articleLinks.has(u),
      );
      expect(foreign.sort()).toEqual([...MIRROR_URLS, ONION].sort());
    }
  });

  it('lists the mirrors and the onion address in the footer of both parts', () => {
    const p = messages[0]!.parsed;
    const html = p.html as string;
    const footer = html.slice(html.indexOf('If our website is blocked'));
    expect(footer).toContain('<a href="https://mirror-one.example.net/"');
    expect(footer).toContain('(Mirror in Finland)');
    expect(footer).toContain('<a href="https://t.me/newsroomchannel"');
    expect(footer).toContain(`<a href="${ONION}"`);
    const text = p.text!;
    expect(text).toContain('If our website is blocked where you are, read us here:');
    expect(text).toContain('  https://mirror-one.example.net/ (Mirror in Finland)');
    expect(text).toContain('  https://t.me/newsroomchannel (Our Telegram channel)');
    expect(text).toContain(`  ${ONION}\n`);
  });

  it('one-click unsubscribe: a cookieless POST to the List-Unsubscribe URL works', async () => {
    const m = messages.find((x) => x.to === READERS[1])!;
    const url = new URL(listHeaders(m).unsubscribe.url);
    const res = await t.fetch(url.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const list = (await t.services.subscribers.listBySlug('breaking'))!;
    const left = await t.services.subscribers.recipients(list.id, { limit: 10 });
    expect(left.map((r) => r.email).sort()).toEqual([READERS[0], READERS[2]]);
  });
});
