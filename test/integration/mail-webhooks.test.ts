import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signGenericBody } from '../../src/adapters/mail/index.ts';
import { lookupHash } from '../../src/crypto/sealed-box.ts';
import { takeDsn } from '../../src/cli/commands/mail.ts';
import { importSubscribers } from '../../src/modules/subscribers/index.ts';
import { dsnReport } from '../support/dsn-fixtures.ts';
import { startSnsStandIn, sesBounce, sesComplaint, type SnsStandIn } from '../support/sns-stand-in.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// Bounces and complaints end to end: the real server, a real database, Amazon SNS played by a
// stand-in on 127.0.0.1 that signs with its own certificate, and a DSN through the CLI's code.

const SECRET = 'webhook-secret-for-tests';
const READERS = [
  'hard@newsroom.org',
  'soft@newsroom.org',
  'angry@newsroom.org',
  'ses-hard@newsroom.org',
  'ses-soft@newsroom.org',
  'dsn@newsroom.org',
  'tamper@newsroom.org',
];

describe.each(testDatabases)('mail bounce and complaint webhooks (%s)', (dialect) => {
  let t: TestApp;
  let sns: SnsStandIn;

  beforeAll(async () => {
    sns = await startSnsStandIn();
    t = await startTestApp(dialect, {
      env: {
        MAIL_WEBHOOK_SECRET: SECRET,
        SNS_CERT_HOST_PATTERN: '127\\.0\\.0\\.1',
        NEWSLETTER_SOFT_BOUNCE_LIMIT: '2',
      },
    });
    async function* records() {
      yield { line: 1, fields: ['email'] };
      let line = 1;
      for (const email of READERS) yield { line: ++line, fields: [email] };
    }
    await importSubscribers(
      { db: t.db, keys: t.services.keys, privacy: t.services.subscribers.privacy },
      { listSlug: 'weekly', records: records(), defaultLanguage: 'en', source: 'test' },
    );
  });
  afterAll(async () => {
    await t?.close();
    await sns?.close();
  });

  const subscriber = (email: string) =>
    t.db.kysely
      .selectFrom('subscribers')
      .select(['id', 'status', 'soft_bounces', 'suppressed_reason'])
      .where('email_hash', '=', lookupHash(t.services.keys.hashing, email))
      .executeTakeFirstOrThrow();
  const mailEvents = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('mail_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const generic = (body: string, signature = signGenericBody(SECRET, body)) =>
    t.fetch('/webhooks/mail/generic', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-samizdat-signature': signature },
      body,
    });
  const ses = (envelope: object | string) =>
    t.fetch('/webhooks/mail/ses', {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' },
      body: typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
    });

  it('generic: a hard bounce suppresses at once; the same event again changes nothing', async () => {
    const body = JSON.stringify({ type: 'hard', email: 'Hard@Newsroom.org', messageId: '<m1@news.example>' });
    const first = await generic(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, duplicates: 0 });
    expect(await subscriber('hard@newsroom.org')).toMatchObject({
      status: 'suppressed',
      suppressed_reason: 'hard-bounce',
    });
    const again = await generic(body);
    expect(await again.json()).toEqual({ received: 1, duplicates: 1 });
  });

  it('generic: soft bounces count, and the limit-th suppresses; a replayed soft bounce is not counted', async () => {
    const one = JSON.stringify({ type: 'soft', email: 'soft@newsroom.org', reason: 'mailbox full' });
    await generic(one);
    await generic(one);
    expect(await subscriber('soft@newsroom.org')).toMatchObject({ status: 'confirmed', soft_bounces: 1 });
    await generic(
      JSON.stringify({ type: 'soft', email: 'soft@newsroom.org', messageId: '<m2@news.example>' }),
    );
    expect(await subscriber('soft@newsroom.org')).toMatchObject({
      status: 'suppressed',
      suppressed_reason: 'soft-bounces',
    });
  });

  it('generic: a complaint unsubscribes from every list and suppresses', async () => {
    const res = await generic(JSON.stringify({ type: 'complaint', email: 'angry@newsroom.org' }));
    expect(res.status).toBe(200);
    const row = await subscriber('angry@newsroom.org');
    expect(row).toMatchObject({ status: 'suppressed', suppressed_reason: 'complaint' });
    const subscriptions = await t.db.kysely
      .selectFrom('subscriptions')
      .select('status')
      .where('subscriber_id', '=', row.id)
      .execute();
    expect(subscriptions.map((s) => s.status)).toEqual(['unsubscribed']);
    const withdrawn = await t.db.kysely
      .selectFrom('consents')
      .select(['action', 'basis'])
      .where('subscriber_id', '=', row.id)
      .where('action', '=', 'withdrawn')
      .execute();
    expect(withdrawn).toEqual([{ action: 'withdrawn', basis: 'complaint' }]);
  });

  it('generic: a bad signature is 401, a bad shape 400, both in the error shape, and nothing changes', async () => {
    const before = await mailEvents();
    const body = JSON.stringify({ type: 'hard', email: 'tamper@newsroom.org' });
    const forged = await generic(body, signGenericBody('guessed', body));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({
      error: { code: 'unauthenticated', message: expect.stringContaining('does not match'), details: null },
    });
    const unsigned = await t.fetch('/webhooks/mail/generic', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    const wrongShape = await generic(JSON.stringify({ type: 'bounced', email: 'tamper@newsroom.org' }));
    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.json()).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringContaining('type') },
    });
    expect(await subscriber('tamper@newsroom.org')).toMatchObject({ status: 'confirmed', soft_bounces: 0 });
    expect(await mailEvents()).toBe(before);
  });

  it('ses: confirms the SNS subscription by visiting SubscribeURL; refuses one on another host', async () => {
    const res = await ses(sns.subscriptionConfirmation('token-1'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ confirmed: true });
    expect(sns.confirmations).toEqual(['token-1']);
    const elsewhere = await ses(
      sns.subscriptionConfirmation('token-2', 'http://127.0.0.2:1/confirm?Token=token-2'),
    );
    expect(elsewhere.status).toBe(400);
    expect(sns.confirmations).toEqual(['token-1']);
  });

  it('ses: signed bounces (SignatureVersion 1 and 2) suppress or count; SNS retries change nothing', async () => {
    const hard = sns.notification(sesBounce('Permanent', ['ses-hard@newsroom.org']), {
      version: '1',
      subject: 'Amazon SES Email Event Notification',
    });
    const res = await ses(hard);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 1, duplicates: 0 });
    expect(await subscriber('ses-hard@newsroom.org')).toMatchObject({
      status: 'suppressed',
      suppressed_reason: 'hard-bounce',
    });
    const soft = sns.notification(sesBounce('Transient', ['ses-soft@newsroom.org']), { version: '2' });
    await ses(soft);
    expect(await (await ses(soft)).json()).toEqual({ received: 1, duplicates: 1 });
    expect(await subscriber('ses-soft@newsroom.org')).toMatchObject({ status: 'confirmed', soft_bounces: 1 });
    expect(sns.certificateFetches()).toBe(1); // kept for the process
  });

  it('ses: a tampered message, a foreign certificate URL or a wrong version is refused and changes nothing', async () => {
    const before = await mailEvents();
    const genuine = sns.notification(sesBounce('Permanent', ['tamper@newsroom.org']));
    const tampered = { ...genuine, Message: genuine.Message.replace('Permanent', 'Transient') };
    const r1 = await ses(tampered);
    expect(r1.status).toBe(401);
    expect(await r1.json()).toMatchObject({
      error: { code: 'unauthenticated', message: expect.stringContaining('signature does not match') },
    });
    const wrongAlgorithm = await ses({ ...genuine, SignatureVersion: '1' });
    expect(wrongAlgorithm.status).toBe(401);
    const foreign = await ses({ ...genuine, SigningCertURL: 'https://evil.example/cert.pem' });
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toMatchObject({
      error: { message: expect.stringContaining('not an SNS address') },
    });
    const garbage = await ses('{"Type":"Notification"');
    expect(garbage.status).toBe(400);
    expect(await subscriber('tamper@newsroom.org')).toMatchObject({ status: 'confirmed', soft_bounces: 0 });
    expect(await mailEvents()).toBe(before);
  });

  it('ses: a complaint notification unsubscribes and suppresses', async () => {
    await ses(sns.notification(sesComplaint(['tamper@newsroom.org'])));
    expect(await subscriber('tamper@newsroom.org')).toMatchObject({
      status: 'suppressed',
      suppressed_reason: 'complaint',
    });
  });

  it('samizdat mail dsn: a piped bounce report suppresses; the same report twice counts once', async () => {
    const lines: string[] = [];
    const report = Buffer.from(
      dsnReport(
        [
          { final: 'dsn@newsroom.org', status: '5.1.1' },
          { final: 'nobody@newsroom.org', status: '5.1.1' },
        ],
        '<dsn-cli@relay.example>',
      ),
    );
    expect(await takeDsn(t.services, report, (l) => lines.push(l))).toEqual({
      hard: 1,
      soft: 0,
      duplicates: 0,
      unknown: 1,
    });
    expect(await subscriber('dsn@newsroom.org')).toMatchObject({
      status: 'suppressed',
      suppressed_reason: 'hard-bounce',
    });
    expect(await takeDsn(t.services, report, (l) => lines.push(l))).toEqual({
      hard: 0,
      soft: 0,
      duplicates: 2,
      unknown: 0,
    });
    expect(lines.join('\n')).not.toContain('@');
    await expect(takeDsn(t.services, Buffer.from('Subject: hi\r\n\r\nhello'), () => {})).rejects.toThrow(
      /not a delivery status notification/,
    );
  });

  it('a suppressed address is no longer a recipient', async () => {
    const weekly = (await t.services.subscribers.listBySlug('weekly'))!;
    const recipients = await t.services.subscribers.recipients(weekly.id, { limit: 100 });
    expect(recipients.map((r) => r.email)).toEqual(['ses-soft@newsroom.org']);
  });
});

describe('the generic webhook without MAIL_WEBHOOK_SECRET', () => {
  it('refuses everything', async () => {
    const t = await startTestApp('sqlite');
    try {
      const body = JSON.stringify({ type: 'hard', email: 'a@newsroom.org' });
      const res = await t.fetch('/webhooks/mail/generic', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-samizdat-signature': signGenericBody('', body) },
        body,
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { message: expect.stringContaining('MAIL_WEBHOOK_SECRET is empty') },
      });
    } finally {
      await t.close();
    }
  });
});
