import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/crypto/secret-key.ts';
import { lookupHash, seal } from '../../src/crypto/sealed-box.ts';
import { randomBytes } from 'node:crypto';
import { createSubscriberDirectory, type SubscriberStatus } from '../../src/modules/subscribers/index.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

const keys = deriveKeys(randomBytes(32));
const at = '2026-11-30T10:00:00.000Z';

async function addSubscriber(
  db: TestDb,
  id: string,
  email: string,
  status: SubscriberStatus,
  lists: Array<[string, 'active' | 'paused' | 'unsubscribed']>,
) {
  await db.kysely
    .insertInto('subscribers')
    .values({
      id,
      email_sealed: seal(keys.encryption, email),
      email_hash: lookupHash(keys.hashing, email),
      name_sealed: seal(keys.encryption, `Name ${id}`),
      language: 'en',
      status,
      suppressed_reason: null,
      suppressed_detail: null,
      suppressed_at: null,
      soft_bounces: 0,
      link_version: 1,
      created_at: at,
      confirmed_at: status === 'confirmed' ? at : null,
      confirm_expires_at: null,
      updated_at: at,
    })
    .execute();
  for (const [list, sub] of lists) {
    await db.kysely
      .insertInto('subscriptions')
      .values({
        newsletter_id: list,
        subscriber_id: id,
        status: sub,
        subscriber_status: status,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}

describe.each(testDatabases)('subscriber directory on %s', (dialect) => {
  let db: TestDb;
  const directory = () =>
    createSubscriberDirectory({
      db,
      keys,
      siteUrl: 'https://news.example/',
      mailFrom: 'news@news.example',
      softBounceLimit: 3,
      now: () => new Date(at),
    });
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await addSubscriber(db, 's01', 'a@newsroom.org', 'confirmed', [['nl-weekly', 'active']]);
    await addSubscriber(db, 's02', 'b@newsroom.org', 'pending', [['nl-weekly', 'active']]);
    await addSubscriber(db, 's03', 'c@newsroom.org', 'confirmed', [
      ['nl-weekly', 'paused'],
      ['nl-breaking', 'active'],
    ]);
    await addSubscriber(db, 's04', 'd@newsroom.org', 'confirmed', [['nl-weekly', 'active']]);
    await addSubscriber(db, 's05', 'e@newsroom.org', 'suppressed', [['nl-weekly', 'active']]);
    await addSubscriber(db, 's06', 'f@newsroom.org', 'confirmed', [['nl-weekly', 'unsubscribed']]);
    await addSubscriber(db, 's07', 'g@newsroom.org', 'confirmed', [['nl-weekly', 'active']]);
  });
  afterAll(async () => db?.destroy());

  it('seeds the weekly digest (default, Fridays 09:00) and breaking news, plus one per language', async () => {
    const d = directory();
    await d.ensureLanguageLists(['ru']);
    await d.ensureLanguageLists(['ru']);
    const lists = await d.lists();
    expect(lists.map((l) => [l.slug, l.kind, l.isDefault, l.scheduleCron, l.language])).toEqual([
      ['weekly', 'digest', true, '0 9 * * 5', null],
      ['breaking', 'breaking', false, null, null],
      ['weekly-ru', 'digest', false, '0 9 * * 5', 'ru'],
    ]);
    expect((await d.listBySlug('breaking'))?.id).toBe('nl-breaking');
    expect(await d.listBySlug('nope')).toBeUndefined();
  });

  it('pages through confirmed, active recipients by id and counts them', async () => {
    const d = directory();
    const first = await d.recipients('nl-weekly', { limit: 2 });
    expect(first).toEqual([
      { subscriberId: 's01', email: 'a@newsroom.org', name: 'Name s01', language: 'en' },
      { subscriberId: 's04', email: 'd@newsroom.org', name: 'Name s04', language: 'en' },
    ]);
    const next = await d.recipients('nl-weekly', { afterSubscriberId: 's04', limit: 2 });
    expect(next.map((r) => r.subscriberId)).toEqual(['s07']);
    expect(await d.recipients('nl-weekly', { afterSubscriberId: 's07', limit: 2 })).toEqual([]);
    expect(await d.countRecipients('nl-weekly')).toBe(3);
    expect(await d.countRecipients('nl-breaking')).toBe(1);
  });

  it('suppresses by address or id, and after the configured soft bounces', async () => {
    const d = directory();
    await d.suppress({ email: ' A@NewsRoom.org ' }, 'hard-bounce', '550 no such user');
    await d.suppress({ email: 'nobody@newsroom.org' }, 'complaint');
    expect((await d.recipients('nl-weekly', { limit: 10 })).map((r) => r.subscriberId)).toEqual([
      's04',
      's07',
    ]);
    const row = await db.kysely
      .selectFrom('subscribers')
      .selectAll()
      .where('id', '=', 's01')
      .executeTakeFirstOrThrow();
    expect([row.status, row.suppressed_reason, row.suppressed_detail]).toEqual([
      'suppressed',
      'hard-bounce',
      '550 no such user',
    ]);
    await d.recordSoftBounce({ subscriberId: 's04' });
    await d.recordSoftBounce({ email: 'd@newsroom.org' });
    expect(await d.countRecipients('nl-weekly')).toBe(2);
    await d.recordSoftBounce({ subscriberId: 's04' }, 'mailbox full');
    expect(await d.countRecipients('nl-weekly')).toBe(1);
    const bounced = await db.kysely
      .selectFrom('subscribers')
      .selectAll()
      .where('id', '=', 's04')
      .executeTakeFirstOrThrow();
    expect([bounced.status, bounced.suppressed_reason]).toEqual(['suppressed', 'soft-bounces']);
    await d.suppress({ subscriberId: 's07' }, 'manual');
    expect(await d.countRecipients('nl-weekly')).toBe(0);
  });

  it('makes absolute, signed per-recipient links', () => {
    const links = directory().links('s01', 'nl-weekly');
    expect(links.preferencesUrl).toMatch(
      /^https:\/\/news\.example\/newsletter\/preferences\/[\w-]+\.[\w-]+$/,
    );
    expect(links.unsubscribeUrl).toMatch(
      /^https:\/\/news\.example\/newsletter\/unsubscribe\/[\w-]+\.[\w-]+$/,
    );
    expect(links.unsubscribeMailto).toMatch(/^mailto:news@news\.example\?subject=unsubscribe%20/);
  });
});
