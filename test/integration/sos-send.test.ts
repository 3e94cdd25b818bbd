import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSubscribersFile } from '../../src/cli/commands/subscribers.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { connect, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { systemActor } from '../../src/modules/staff/index.ts';
import { createServices } from '../../src/web/services.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';

// `samizdat sos send --message FILE` as a newsroom runs it with its web process down: the real
// command in a child process, the site's database, a real SMTP conversation with a relay on
// 127.0.0.1. Everyone confirmed and not paused on any list gets the letter once; killed in the
// middle and run again, it carries on and nobody gets a second copy.

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');
const SITE_URL = 'https://news.example';
const MIRRORS = 'https://mirror-one.example/news/|Our CDN mirror;https://t.me/newsroom';
const READERS = 40;

const databases: string[] = [];
async function emptyPostgresDatabase(): Promise<string> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = `sos_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databases.push(name);
  url.pathname = `/${name}`;
  return url.toString();
}
afterAll(async () => {
  if (databases.length === 0) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

const silent = { line: () => {}, count: () => {}, bar: () => {} };

describe.each(testDatabases)('samizdat sos send on %s', (dialect) => {
  const dataDir = tempDir('sos-site');
  const dir = tempDir('sos-files');
  let env: Record<string, string>;
  let db: Db;
  let services: Services;
  let sink: SmtpSink;
  const children: ChildProcess[] = [];

  function start(args: string[]) {
    const child = spawn(process.execPath, [BIN, 'sos', 'send', ...args], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveRun) =>
      child.on('close', (code) => resolveRun({ code, stdout, stderr })),
    );
    return { child, done };
  }
  const run = (args: string[]) => start(args).done;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const sosRows = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('sos_sends')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const url = dialect === 'sqlite' ? join(dataDir, 'samizdat.sqlite') : await emptyPostgresDatabase();
    db = await connect({ url });
    await migrateToLatest(db);
    sink = await startSmtpSink();
    env = {
      DATA_DIR: dataDir,
      SITE_URL,
      MIRRORS,
      SMTP_URL: sink.url,
      MAIL_CONCURRENCY: '3',
      LOG_LEVEL: 'silent',
      ...(dialect === 'postgres' ? { DATABASE_URL: url } : {}),
    };
    const config = loadConfig({ env: { ...env, SMTP_URL: '' }, cwd: dataDir });
    services = await createServices(config, { db, migrate: false, changeFeed: false });
    // Readers on the weekly list; "both" on the breaking list too; four who must not get it.
    const weekly = ['email,name'];
    for (let i = 1; i <= READERS; i++) weekly.push(`reader${i}@readers.org,Reader ${i}`);
    weekly.push('both@readers.org,Both Lists', 'paused@readers.org,', 'suppressed@readers.org,');
    weekly.push('pending@readers.org,', 'left@readers.org,');
    const imported = await importSubscribersFile(
      services,
      file('weekly.csv', `${weekly.join('\n')}\n`),
      'weekly',
      silent,
    );
    expect(imported.refused).toEqual([]);
    expect(imported.added).toBe(READERS + 5);
    await importSubscribersFile(
      services,
      file('breaking.csv', 'email\nboth@readers.org\nonly-breaking@readers.org\n'),
      'breaking',
      silent,
    );
    const idOf = async (email: string) =>
      (await services.subscribers.admin.list(systemActor, { email, limit: 1 })).items[0]!.id;
    const k = db.kysely;
    await k
      .updateTable('subscriptions')
      .set({ status: 'paused' })
      .where('subscriber_id', '=', await idOf('paused@readers.org'))
      .execute();
    await k
      .updateTable('subscriptions')
      .set({ status: 'unsubscribed' })
      .where('subscriber_id', '=', await idOf('left@readers.org'))
      .execute();
    const pending = await idOf('pending@readers.org');
    await k.updateTable('subscribers').set({ status: 'pending' }).where('id', '=', pending).execute();
    await k
      .updateTable('subscriptions')
      .set({ subscriber_status: 'pending' })
      .where('subscriber_id', '=', pending)
      .execute();
    await services.subscribers.suppress({ email: 'suppressed@readers.org' }, 'manual');
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await services?.close();
    await db?.close();
    await sink?.close();
  });

  const expected = [
    ...Array.from({ length: READERS }, (_, i) => `reader${i + 1}@readers.org`),
    'both@readers.org',
    'only-breaking@readers.org',
  ];

  it('refuses a missing, empty, binary or huge message file, and sends nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'none.txt'), /cannot read .*none\.txt: no such file/],
      [file('empty.txt', '  \n\n'), /empty\.txt is empty: nothing to send/],
      [
        file('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
        /not plain text/,
      ],
      [file('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])), /not UTF-8 text/],
      [
        file('huge.txt', 'a'.repeat(70_000)),
        /70000 bytes; an SOS letter is plain text of at most 65536 bytes/,
      ],
    ];
    for (const [path, message] of cases) {
      const out = await run(['--message', path]);
      expect(out.code, path).toBe(1);
      expect(out.stderr, path).toMatch(message);
    }
    expect((await run([])).code).toBe(2);
    expect(sink.received).toHaveLength(0);
    expect(await sosRows()).toBe(0);
  }, 120_000);

  it('--dry-run counts each person once and sends nothing', async () => {
    const out = await run(['--message', file('letter.txt', 'Our site is blocked at home.\n'), '--dry-run']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`Would send to ${expected.length} people (each once)`);
    expect(sink.received).toHaveLength(0);
    expect(await sosRows()).toBe(0);
  }, 60_000);

  it('killed mid-send and run again: everyone gets exactly one copy, with the mirrors and their way out', async () => {
    const letter = file('sos.txt', 'Our site is blocked at home.\r\nRead us at the addresses below.\n');
    sink.holdAfter(10);
    const first = start(['--message', letter]);
    // Every connection (MAIL_CONCURRENCY) waits for an answer that will not come, so every answer
    // given so far is recorded: kill the sender now.
    await waitFor(() => sink.held() >= 3, { timeoutMs: 60_000 });
    first.child.kill('SIGKILL');
    await once(first.child, 'close');
    expect(sink.received).toHaveLength(10);

    sink.holdAfter(Infinity);
    const second = await run(['--message', letter]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Carrying on the letter started');
    expect(second.stdout).toContain(`Done: ${expected.length} accepted, 0 failed`);

    const counts = new Map<string, number>();
    for (const m of sink.received) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...expected].sort());
    for (const [to, n] of counts) expect(n, to).toBe(1);

    const both = await simpleParser(sink.received.find((m) => m.to === 'both@readers.org')!.raw);
    expect(both.subject).toBe('Samizdat: how to reach us');
    expect(both.html).toBe(false);
    const text = both.text!;
    expect(text).toContain('Our site is blocked at home.\nRead us at the addresses below.');
    expect(text).toContain('- https://mirror-one.example/news/\n  Our CDN mirror');
    expect(text).toContain('- https://t.me/newsroom');
    const unsubscribe = [
      ...text.matchAll(/^Unsubscribe: (https:\/\/news\.example\/newsletter\/unsubscribe\/(\S+))$/gm),
    ];
    expect(unsubscribe).toHaveLength(2); // one per list this person is on
    const raw = sink.received.find((m) => m.to === 'both@readers.org')!.raw.toString('utf8');
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(raw).toMatch(
      /^List-Unsubscribe:\s+<mailto:[^>]+>,\s+<https:\/\/news\.example\/newsletter\/unsubscribe\//m,
    );
    // The link is signed for this person and that list: following it leaves the list.
    const token = unsubscribe[0]![2]!;
    expect((await services.subscribers.preferences.unsubscribeTarget(token))?.slug).toBe('weekly');
    expect(await services.subscribers.preferences.unsubscribe(token, 'page')).toBeDefined();
    expect(
      await services.subscribers.preferences.unsubscribeTarget(token.slice(0, -2) + 'xx'),
    ).toBeUndefined();

    // The same letter again: nobody is written to twice.
    const again = await run(['--message', letter]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('This letter was already sent');
    expect(sink.received).toHaveLength(expected.length);
  }, 180_000);
});
