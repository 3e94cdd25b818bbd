import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createDeliveryStore } from '../../src/modules/newsletters/index.ts';
import { openTestDb, testDatabases } from '../support/test-db.ts';
import { recipientEmail } from '../support/stand-in-directory.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { removeTempDir, tempDir } from '../support/temp-dir.ts';
import { waitFor } from '../support/wait-for.ts';
import { insertIssue } from '../support/newsletter-fixtures.ts';

// A sender killed with SIGKILL in the middle of a send, and a new process started: every
// recipient has the issue, and (when the kill comes while messages are in flight, the relay not
// having answered them) exactly one copy each. See src/modules/newsletters/README.md.

const CHILD = resolve(import.meta.dirname, '../support/newsletter-send-child.ts');
const COUNT = 300;
const CONCURRENCY = 4;

async function database(
  dialect: 'sqlite' | 'postgres',
): Promise<{ db: Db; env: Record<string, string>; destroy: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const db = await openTestDb('postgres');
    return { db, env: { CHILD_DB_URL: db.url!, CHILD_DB_SCHEMA: db.schema! }, destroy: () => db.destroy() };
  }
  const dir = tempDir('nl-kill');
  const url = join(dir, 'send.sqlite');
  const db: Db = await connect({ url });
  await migrateToLatest(db);
  return {
    db,
    env: { CHILD_DB_URL: url },
    destroy: async () => {
      await db.close();
      removeTempDir(dir);
    },
  };
}

function startChild(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe.each(testDatabases)('a newsletter send killed and resumed on %s', (dialect) => {
  let sink: SmtpSink | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sink?.close();
    await cleanup?.();
  });

  async function setUp() {
    const { db, env, destroy } = await database(dialect);
    cleanup = destroy;
    sink = await startSmtpSink();
    const store = createDeliveryStore(db);
    const issueId = await insertIssue(db);
    const send = await store.createSend({ issueId, newsletterId: 'list', total: COUNT, now: new Date() });
    const childEnv = {
      ...env,
      CHILD_SMTP_URL: sink.url,
      CHILD_SEND_ID: send.id,
      CHILD_COUNT: String(COUNT),
      CHILD_CONCURRENCY: String(CONCURRENCY),
    };
    return { store, send, childEnv };
  }

  const copies = (s: SmtpSink) => {
    const byRecipient = new Map<string, Set<string>>();
    const counts = new Map<string, number>();
    for (const m of s.received) {
      const id = /^Message-ID: (.*)$/im.exec(m.raw.toString('utf8'))?.[1]?.trim() ?? '';
      byRecipient.set(m.to, (byRecipient.get(m.to) ?? new Set()).add(id));
      counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    }
    return { byRecipient, counts };
  };

  it('killed while messages are in flight: everyone gets exactly one copy', { timeout: 60_000 }, async () => {
    const { store, send, childEnv } = await setUp();
    sink!.holdAfter(COUNT / 2);
    const first = startChild(childEnv);
    children.push(first);
    // Every connection is waiting for an answer that will not come: kill the sender now.
    await waitFor(() => sink!.held() >= CONCURRENCY, { timeoutMs: 30_000 });
    first.kill('SIGKILL');
    await once(first, 'exit');
    expect(sink!.received.length).toBe(COUNT / 2);
    expect((await store.counts(send.id)).sending).toBeGreaterThan(0); // claims left by the dead process

    sink!.holdAfter(Infinity);
    const second = startChild(childEnv);
    children.push(second);
    const [code] = (await once(second, 'exit')) as [number];
    expect(code).toBe(0);

    const { counts } = copies(sink!);
    expect(counts.size).toBe(COUNT);
    for (let i = 1; i <= COUNT; i++) expect(counts.get(recipientEmail(i)), recipientEmail(i)).toBe(1);
    expect(await store.getSend(send.id)).toMatchObject({ status: 'done', accepted: COUNT, failed: 0 });
  });

  it(
    'killed the instant a message was accepted: nobody is skipped, a repeat keeps its Message-ID',
    { timeout: 60_000 },
    async () => {
      const { store, send, childEnv } = await setUp();
      const first = startChild(childEnv);
      children.push(first);
      sink!.afterAccepted(COUNT / 3, () => first.kill('SIGKILL'));
      await once(first, 'exit');
      const second = startChild(childEnv);
      children.push(second);
      const [code] = (await once(second, 'exit')) as [number];
      expect(code).toBe(0);

      const { byRecipient, counts } = copies(sink!);
      expect(counts.size).toBe(COUNT);
      // The relay's answer and our record of it are not one transaction: a message answered in the
      // instant before the kill may go again, with the same Message-ID (receivers drop the repeat).
      for (const ids of byRecipient.values()) expect(ids.size).toBe(1);
      const repeats = [...counts.values()].filter((n) => n > 1).length;
      expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
      expect(await store.getSend(send.id)).toMatchObject({ status: 'done', accepted: COUNT });
    },
  );
});
