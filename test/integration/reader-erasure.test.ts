import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { sqliteFilesContaining, tablesContaining } from '../support/database-text.ts';
import { form } from '../support/form-post.ts';

// Erasure leaves nothing: a reader who is a donor, a newsletter subscriber and asked the appeal
// to "email me a reminder" erases themselves from the donor page, or from the newsletter's
// preferences link, and afterwards no table holds their address, its keyed hash, its sealed
// boxes, their name or an id that leads back to them; the database files hold no address in
// plain text, and the outbox (where mail goes without SMTP) keeps no message to them. A donor's
// erasure also ends their newsletter subscription. Another reader's reminder and mail stay. Real
// HTTP, both databases.

describe.each(testDatabases)('erasing a reader on %s', (dialect) => {
  let t: SiteTestApp;
  const k = () => t.db.kysely;

  beforeAll(async () => {
    t = await startSiteTestApp(dialect, { seed: false });
    const owner = await t.key('owner');
    const res = await t.fetch('/api/admin/v1/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ features: { newsletter: true, support: true } }),
    });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    t?.app.server.closeAllConnections();
    await t?.close();
  });

  const mailsTo = async (to: string) => {
    await t.services.jobs.runUntilIdle!();
    const list = (await t.services.outbox!.list()).filter((m) => m.to === to);
    return Promise.all(list.map(async (m) => (await t.services.outbox!.get(m.id))!));
  };
  const remindMe = async (email: string) => {
    const res = await t.fetch('/support/reminder', form({ email, lang: 'en', page: '/support' }));
    expect(res.status).toBe(200);
  };
  const reminderOf = (hash: string) =>
    k().selectFrom('appeal_reminders').selectAll().where('email_hash', '=', hash).executeTakeFirst();

  /** The outbox's files (messages and their entries) that hold `text`, compared case-blind. */
  async function outboxFilesContaining(text: string): Promise<string[]> {
    const dir = join(t.services.dataDir, 'outbox');
    const found: string[] = [];
    for (const name of await readdir(dir)) {
      if ((await readFile(join(dir, name), 'utf8')).toLowerCase().includes(text.toLowerCase()))
        found.push(name);
    }
    return found;
  }

  /** What must be gone: in no table's rows, the outbox or (SQLite) the database files. */
  async function expectNowhere(needles: string[], plain: string[]) {
    for (const needle of needles) expect(await tablesContaining(t.db, needle), needle).toEqual([]);
    for (const text of plain) expect(await outboxFilesContaining(text), text).toEqual([]);
    if (dialect === 'sqlite') {
      for (const text of plain) {
        const files = await sqliteFilesContaining(t.db, text);
        expect(files.checked).toBeGreaterThan(0);
        expect(files.found, text).toEqual([]);
      }
    }
  }

  it('from the donor page: the donor, their reminder and every link to them go', async () => {
    const email = 'erin.erase@newsroom.org';
    const name = 'Erin Erasmus';
    await remindMe(' Erin.Erase@Newsroom.org ');
    await remindMe('keep.me@example.org');

    const start = await t.fetch(
      '/support/checkout',
      form({
        frequency: 'monthly',
        currency: 'USD',
        amount: '5',
        rail: 'test',
        variant: 'a',
        source: 'page',
      }),
    );
    expect(start.status).toBe(303);
    const path = new URL(start.headers.get('location')!, 'https://news.example').pathname;
    expect((await t.fetch(path, form({ outcome: 'succeed', email, name }))).status).toBe(303);
    // A donor-page link asked for as well: its job names the donor.
    expect((await t.fetch('/support/donor', form({ email }))).status).toBe(200);
    const [receipt] = await mailsTo(email);
    const link = /https:\/\/news\.example(\/support\/donor\/\S+)/.exec(receipt!.text)![1]!;

    const donor = await k()
      .selectFrom('donors')
      .selectAll()
      .where('email_hash', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(donor.name_sealed).not.toBeNull();
    const reminder = (await reminderOf(donor.email_hash!))!;
    expect(reminder).toBeDefined();
    const other = await k()
      .selectFrom('appeal_reminders')
      .selectAll()
      .where('id', '!=', reminder.id)
      .executeTakeFirstOrThrow();

    // A renewal of the plan, as the rail records it: the same supporter, not a new one.
    const first = await k().selectFrom('donations').selectAll().executeTakeFirstOrThrow();
    const nextMonth = new Date(Date.parse(first.created_at) + 31 * 86_400_000).toISOString();
    await k()
      .insertInto('donations')
      .values({
        ...first,
        id: '00000000-0000-4000-8000-000000000001',
        checkout_ref: null,
        invoice_ref: 'renewal-1',
        payment_ref: 'renewal-1',
        created_at: nextMonth,
        completed_at: nextMonth,
        updated_at: nextMonth,
      })
      .execute();
    const supportersBefore = (await t.services.donationReports.summary({ include_test: 'true' }))
      .supporters_per_month;
    expect(supportersBefore.reduce((n, m) => n + m.new, 0)).toBe(1);

    // The same person reads the newsletter (an address typed differently): erasure ends that too.
    const subscribe = await t.fetch(
      '/newsletter/subscribe',
      form({ email: 'ERIN.erase@newsroom.org', list: 'nl-weekly', source: '/', language: 'en', website: '' }),
    );
    expect([200, 303]).toContain(subscribe.status);
    const [confirm] = await mailsTo('erin.erase@newsroom.org');
    expect(confirm).toBeDefined();
    const subscriber = await k().selectFrom('subscribers').selectAll().executeTakeFirstOrThrow();
    expect(subscriber.email_hash).toBe(donor.email_hash);
    // Someone else's mail stays in the outbox.
    await t.fetch(
      '/newsletter/subscribe',
      form({
        email: 'kept.reader@newsroom.org',
        list: 'nl-weekly',
        source: '/',
        language: 'en',
        website: '',
      }),
    );
    await t.services.jobs.runUntilIdle!();
    expect(await outboxFilesContaining(email)).not.toEqual([]);
    const othersMail = await outboxFilesContaining('kept.reader@newsroom.org');
    expect(othersMail).toHaveLength(2);

    const erased = await t.fetch(link, form({ action: 'erase' }));
    expect(erased.status).toBe(200);
    await t.services.jobs.runUntilIdle!();

    expect(await k().selectFrom('appeal_reminders').select('id').execute()).toEqual([{ id: other.id }]);
    await expectNowhere(
      [
        email,
        name,
        donor.email_hash!,
        donor.email_sealed!,
        donor.name_sealed!,
        reminder.email_sealed,
        reminder.id,
        subscriber.id,
        subscriber.email_sealed,
      ],
      [email, name],
    );
    expect(
      await k().selectFrom('subscribers').select('id').where('id', '=', subscriber.id).execute(),
    ).toEqual([]);
    expect(await outboxFilesContaining('kept.reader@newsroom.org')).toEqual(othersMail);
    // The donor's id stays only on the erased row itself and on its audit entry; the gifts and
    // the plan are kept as anonymous totals.
    expect((await tablesContaining(t.db, donor.id)).sort()).toEqual(['audit_log', 'donors']);
    const gifts = await k().selectFrom('donations').select(['donor_id', 'amount_minor']).execute();
    expect(gifts).toEqual([
      { donor_id: null, amount_minor: 500 },
      { donor_id: null, amount_minor: 500 },
    ]);
    // The dashboard still counts one supporter (new this month, cancelled this month).
    const supportersAfter = (await t.services.donationReports.summary({ include_test: 'true' }))
      .supporters_per_month;
    expect(supportersAfter.reduce((n, m) => n + m.new, 0)).toBe(1);
    expect(supportersAfter.reduce((n, m) => n + m.cancelled, 0)).toBe(1);
  });

  it('from the newsletter preferences link: the subscriber, their reminder and their deliveries go', async () => {
    const email = 'sam.subscriber@newsroom.org';
    const subscribe = await t.fetch(
      '/newsletter/subscribe',
      form({ email, list: 'nl-weekly', source: '/', language: 'en', website: '', name: 'Sam Sealed' }),
    );
    expect([200, 303]).toContain(subscribe.status);
    const [confirm] = await mailsTo(email);
    const confirmPath = /https:\/\/news\.example(\/newsletter\/confirm\/[\w.-]+)/.exec(confirm!.text)![1]!;
    expect((await t.fetch(confirmPath, { method: 'POST' })).status).toBe(200);
    await remindMe(email);

    const sub = await k()
      .selectFrom('subscribers')
      .selectAll()
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    const reminder = (await reminderOf(sub.email_hash))!;
    expect(reminder).toBeDefined();

    // A send in progress with a delivery to them deferred (its reason as stored: a mail server's
    // reply with the quoted address cut out, mail-send-error.ts).
    const at = new Date().toISOString();
    const list = await k()
      .selectFrom('newsletters')
      .select('id')
      .where('id', '=', 'nl-weekly')
      .executeTakeFirstOrThrow();
    await k()
      .insertInto('newsletter_issues')
      .values({
        id: 'issue-erase',
        newsletter_id: list.id,
        number: 1,
        slug: 'nl-weekly-1',
        kind: 'digest',
        status: 'sent',
        subject: 'Weekly',
        intro: '',
        language: null,
        since: at,
        scheduled_for: null,
        created_at: at,
        updated_at: at,
        edited_by: null,
        sent_at: at,
      })
      .execute();
    await k()
      .insertInto('newsletter_sends')
      .values({
        id: 'send-erase',
        issue_id: 'issue-erase',
        newsletter_id: list.id,
        status: 'running',
        total: 1,
        accepted: 0,
        failed: 0,
        deferred: 1,
        cursor: null,
        lease_owner: null,
        lease_until: null,
        started_at: at,
        finished_at: null,
      })
      .execute();
    await k()
      .insertInto('newsletter_deliveries')
      .values({
        send_id: 'send-erase',
        subscriber_id: sub.id,
        status: 'deferred',
        attempts: 1,
        claimed_by: null,
        next_attempt_at: at,
        reason: '452 4.2.2 <[address]>: mailbox full',
        updated_at: at,
      })
      .execute();

    const prefs = new URL(t.services.subscribers.links(sub.id, 'nl-weekly').preferencesUrl).pathname;
    expect((await t.fetch(`${prefs}/erase`, form({ confirm: '1' }))).status).toBe(200);
    await t.services.jobs.runUntilIdle!();

    expect(await reminderOf(sub.email_hash)).toBeUndefined();
    await expectNowhere(
      [email, 'Sam Sealed', sub.email_hash, sub.email_sealed, reminder.email_sealed, reminder.id, sub.id],
      [email],
    );
    // The send still counts the delivery, failed, under an id that leads nowhere.
    const deliveries = await k()
      .selectFrom('newsletter_deliveries')
      .select(['status', 'reason'])
      .where('send_id', '=', 'send-erase')
      .execute();
    expect(deliveries).toEqual([{ status: 'failed', reason: 'subscriber erased' }]);
  });
});
