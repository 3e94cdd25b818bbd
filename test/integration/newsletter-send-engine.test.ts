import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/adapters/mail/index.ts';
import { createDeliveryStore, createSendEngine } from '../../src/modules/newsletters/index.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';
import { insertIssue } from '../support/newsletter-fixtures.ts';
import { recipientEmail, recipientId, standInDirectory } from '../support/stand-in-directory.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

// The engine against a real SMTP server on 127.0.0.1 and both databases: every recipient once,
// 4xx retried, 5xx marked, counters right, a second run sends nothing again.

describe.each(testDatabases)('newsletter send engine on %s', (dialect) => {
  let db: TestDb;
  let sink: SmtpSink;
  let mailer: ReturnType<typeof createSmtpMailer>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db?.destroy();
  });
  beforeEach(async () => {
    sink = await startSmtpSink();
    mailer = createSmtpMailer(sink.url, 'Newsroom <desk@news.example>', { connections: 4 });
  });
  afterEach(async () => {
    mailer.close();
    await sink.close();
  });

  const compose = (sendId: string) => (r: { subscriberId: string; email: string }) => ({
    to: r.email,
    subject: 'This week',
    text: `Hello ${r.subscriberId}`,
    messageId: `<${sendId}.${r.subscriberId}@news.example>`,
  });

  it('hands the issue to every recipient exactly once, retries a 4xx, marks a 5xx', async () => {
    const { directory, suppressed, softBounces } = standInDirectory(120);
    sink.refuse(recipientEmail(7), 450, 'Mailbox busy, try later', 1);
    sink.refuse(recipientEmail(9), 550, 'No such user');
    sink.refuse(recipientEmail(11), 552, 'Mailbox full');
    let clock = Date.now();
    const store = createDeliveryStore(db);
    const engine = createSendEngine({
      store,
      mailer,
      directory,
      concurrency: 4,
      ratePerSecond: 0,
      batchSize: 25,
      retryDelaysMs: [60_000],
      now: () => new Date(clock),
    });
    const issueId = await insertIssue(db);
    const send = await store.createSend({
      issueId,
      newsletterId: 'list-weekly',
      total: 120,
      now: new Date(clock),
    });

    const first = await engine.run(send.id, 'list-weekly', compose(send.id));
    expect(first.state).toBe('waiting'); // reader 7 waits for the retry
    expect(await store.counts(send.id)).toMatchObject({ accepted: 117, deferred: 1, failed: 2, sending: 0 });
    expect(suppressed).toEqual([{ by: { subscriberId: recipientId(9) }, reason: 'hard-bounce' }]);
    expect(softBounces).toEqual([{ subscriberId: recipientId(11) }]);

    // Too early: nothing more goes out.
    expect((await engine.run(send.id, 'list-weekly', compose(send.id))).state).toBe('waiting');
    expect(sink.received.length).toBe(117);

    clock += 61_000;
    expect(await engine.run(send.id, 'list-weekly', compose(send.id))).toEqual({ state: 'done' });
    const perRecipient = new Map<string, number>();
    for (const m of sink.received) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    expect(perRecipient.size).toBe(118);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(perRecipient.has(recipientEmail(9))).toBe(false);
    const row = await store.getSend(send.id);
    expect(row).toMatchObject({
      status: 'done',
      accepted: 118,
      failed: 2,
      deferred: 0,
      cursor: recipientId(120),
    });

    // Running a finished send again sends nothing.
    expect(await engine.run(send.id, 'list-weekly', compose(send.id))).toEqual({ state: 'done' });
    expect(sink.received.length).toBe(118);
  });

  it('gives up on an address after its retries and counts a soft bounce', async () => {
    const { directory, softBounces } = standInDirectory(3);
    sink.refuse(recipientEmail(2), 451, 'Greylisted');
    let clock = Date.now();
    const store = createDeliveryStore(db);
    const engine = createSendEngine({
      store,
      mailer,
      directory,
      concurrency: 2,
      ratePerSecond: 0,
      retryDelaysMs: [1000],
      now: () => new Date(clock),
    });
    const send = await store.createSend({
      issueId: await insertIssue(db),
      newsletterId: 'l',
      total: 3,
      now: new Date(clock),
    });
    expect((await engine.run(send.id, 'l', compose(send.id))).state).toBe('waiting');
    clock += 2000;
    expect(await engine.run(send.id, 'l', compose(send.id))).toEqual({ state: 'done' });
    expect(await store.counts(send.id)).toMatchObject({ accepted: 2, failed: 1 });
    expect(softBounces).toEqual([{ subscriberId: recipientId(2) }]);
  });

  it('stops without marking anyone when the relay is down, and carries on later', async () => {
    const { directory } = standInDirectory(5);
    const store = createDeliveryStore(db);
    const down = createSmtpMailer('smtp://127.0.0.1:1', 'desk@news.example');
    const send = await store.createSend({
      issueId: await insertIssue(db),
      newsletterId: 'l',
      total: 5,
      now: new Date(),
    });
    const options = { store, directory, concurrency: 2, ratePerSecond: 0 };
    await expect(
      createSendEngine({ ...options, mailer: down }).run(send.id, 'l', compose(send.id)),
    ).rejects.toThrow();
    down.close();
    expect(await store.counts(send.id)).toMatchObject({ accepted: 0, failed: 0, deferred: 0, sending: 0 });
    expect(await createSendEngine({ ...options, mailer }).run(send.id, 'l', compose(send.id))).toEqual({
      state: 'done',
    });
    expect(sink.received.length).toBe(5);
  });
});
