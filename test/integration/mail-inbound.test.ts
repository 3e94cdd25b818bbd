import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { createServices } from '../../src/web/services.ts';
import { connect } from '../../src/db/connect.ts';
import { lookupHash } from '../../src/crypto/sealed-box.ts';
import { takeInbound } from '../../src/cli/commands/mail.ts';
import { importSubscribers } from '../../src/modules/subscribers/index.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { removeTempDir, tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';

// The List-Unsubscribe mailto of a newsletter, answered: the reader's mail client writes to
// MAIL_FROM with the subject the mailto carries, the MTA pipes the message to
// `samizdat mail inbound`, and the reader leaves that list. A message as a mail client writes it.

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');

/** The message a mail client sends when its reader follows the mailto: link. */
function replyTo(mailto: string, headers: Record<string, string> = {}): Buffer {
  const url = new URL(mailto);
  const subject = url.searchParams.get('subject') ?? '';
  const fields = {
    From: 'Ana <reader@newsroom.org>',
    To: url.pathname,
    Subject: subject,
    Date: new Date().toUTCString(),
    'Message-ID': '<client-1@newsroom.org>',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  };
  const head = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return Buffer.from(
    `Received: from client by mx.news.example; ${fields.Date}\r\n${head}\r\n\r\nPlease unsubscribe me.\r\n`,
  );
}

async function subscribe(services: Services, db: Services['db'], email: string) {
  async function* records() {
    yield { line: 1, fields: ['email'] };
    yield { line: 2, fields: [email] };
  }
  await importSubscribers(
    { db, keys: services.keys, privacy: services.subscribers.privacy },
    { listSlug: 'weekly', records: records(), defaultLanguage: 'en', source: 'test' },
  );
  const row = await db.kysely
    .selectFrom('subscribers')
    .select('id')
    .where('email_hash', '=', lookupHash(services.keys.hashing, email))
    .executeTakeFirstOrThrow();
  const list = (await services.subscribers.listBySlug('weekly'))!;
  return { subscriberId: row.id, list, links: services.subscribers.links(row.id, list.id) };
}

const status = (db: Services['db'], subscriberId: string, listId: string) =>
  db.kysely
    .selectFrom('subscriptions')
    .select('status')
    .where('subscriber_id', '=', subscriberId)
    .where('newsletter_id', '=', listId)
    .executeTakeFirstOrThrow()
    .then((r) => r.status);

describe.each(testDatabases)('samizdat mail inbound (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('unsubscribes the reader the mailto token names from that list, and records why', async () => {
    const { subscriberId, list, links } = await subscribe(t.services, t.db, 'mailto@newsroom.org');
    expect(links.unsubscribeMailto).toMatch(/^mailto:[^?]+\?subject=unsubscribe%20/);
    const lines: string[] = [];
    await takeInbound(t.services, replyTo(links.unsubscribeMailto), (l) => lines.push(l));
    expect(lines).toEqual([`Unsubscribed from "${list.name}" (weekly).`]);
    expect(await status(t.db, subscriberId, list.id)).toBe('unsubscribed');
    const consent = await t.db.kysely
      .selectFrom('consents')
      .select(['action', 'basis', 'source'])
      .where('subscriber_id', '=', subscriberId)
      .where('action', '=', 'withdrawn')
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ basis: 'mailto', source: 'mailto' });
    // The same message piped again (an MTA retrying): still fine, nothing more recorded.
    await takeInbound(t.services, replyTo(links.unsubscribeMailto), () => {});
    const withdrawals = await t.db.kysely
      .selectFrom('consents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('subscriber_id', '=', subscriberId)
      .where('action', '=', 'withdrawn')
      .executeTakeFirstOrThrow();
    expect(Number(withdrawals.n)).toBe(1);
  });

  it('a tampered or missing token changes nothing and says so', async () => {
    const { subscriberId, list, links } = await subscribe(t.services, t.db, 'tamper@newsroom.org');
    const url = new URL(links.unsubscribeMailto);
    const token = url.searchParams.get('subject')!.split(' ')[1]!;
    const [body, mac] = token.split('.') as [string, string];
    const altered = `${body}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    url.searchParams.set('subject', `unsubscribe ${altered}`);
    await expect(takeInbound(t.services, replyTo(url.href), () => {})).rejects.toThrow(
      /not valid .* nothing was changed/,
    );
    await expect(
      takeInbound(t.services, replyTo(links.unsubscribeMailto, { Subject: 'Hello there' }), () => {}),
    ).rejects.toThrow(/not an unsubscribe request/);
    expect(await status(t.db, subscriberId, list.id)).toBe('active');
  });
});

describe('samizdat mail inbound, the command itself (sqlite)', () => {
  const dataDir = tempDir('mail-inbound');
  let services: Services;
  let mailto = '';
  let subscriberId = '';
  let listId = '';
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATA_DIR: dataDir,
    SITE_URL: TEST_SITE_URL,
    LOG_LEVEL: 'silent',
  };
  const run = (input: Buffer) => {
    const r = spawnSync(process.execPath, [BIN, 'mail', 'inbound'], {
      cwd: dataDir,
      env,
      input,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    const config = loadConfig({ env, cwd: dataDir });
    const db = await connect({ url: join(dataDir, 'samizdat.sqlite') });
    services = await createServices(config, { db });
    const s = await subscribe(services, db, 'piped@newsroom.org');
    mailto = s.links.unsubscribeMailto;
    subscriberId = s.subscriberId;
    listId = s.list.id;
  }, 120_000);
  afterAll(async () => {
    await services?.close();
    removeTempDir(dataDir);
  });

  it('reads the message on standard input, unsubscribes, and never prints the address', async () => {
    const url = new URL(mailto);
    url.searchParams.set('subject', `${url.searchParams.get('subject')!}x`);
    const tampered = run(replyTo(url.href));
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/not valid .* nothing was changed/);
    expect(await status(services.db, subscriberId, listId)).toBe('active');

    const good = run(replyTo(mailto));
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^Unsubscribed from ".*" \(weekly\)\.$/m);
    expect(good.stdout + good.stderr).not.toContain('@');
    expect(await status(services.db, subscriberId, listId)).toBe('unsubscribed');
  }, 240_000);
});
