import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleChange, ArticleChangeRecorder } from '../../src/modules/articles/article-changes.ts';
import { createArticles, type ArticleService } from '../../src/modules/articles/articles.ts';
import { apiKeyActor, systemActor } from '../../src/modules/staff/index.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

// Every article write reports its change through the recorder port: inside the transaction that
// makes it (so durable follow-ups commit or roll back with it) and once after commit, saying
// whether readers could see the article before and after.

describe.each(testDatabases)('article changes reported on %s', (dialect) => {
  let db: TestDb;
  let articles: ArticleService;
  let log: string[];
  let failInTransaction: boolean;
  let clock: Date;
  let changes: ArticleChange[];

  const short = (c: ArticleChange) =>
    `${c.kind} ${c.wasPublic ? 'public' : 'hidden'}->${c.isPublic ? 'public' : 'hidden'}`;

  beforeEach(async () => {
    db = await openTestDb(dialect);
    log = [];
    changes = [];
    failInTransaction = false;
    clock = new Date('2026-11-29T12:00:00Z');
    const recorder: ArticleChangeRecorder = {
      async inTransaction(trx, change) {
        // What the transaction sees at this point: the row as the change leaves it (gone, for a deletion).
        const row = await trx
          .selectFrom('articles')
          .select('status')
          .where('id', '=', change.articleId)
          .executeTakeFirst();
        log.push(`in trx: ${short(change)} (row ${row ? row.status : 'absent'})`);
        if (failInTransaction) throw new Error('the follow-up could not be enqueued');
      },
      afterCommit(change) {
        changes.push(change);
        log.push(`after commit: ${short(change)}`);
      },
    };
    articles = createArticles({ db, changes: recorder, defaultLanguage: 'en', now: () => clock });
  });
  afterEach(async () => db?.destroy());

  it('reports each write in its transaction and after commit, with what readers see', async () => {
    const draft = await articles.create(systemActor, { title: 'A draft' });
    const edited = await articles.update(systemActor, draft.id, { version: 1, title: 'A draft, edited' });
    await articles.publish(systemActor, draft.id);
    await articles.update(systemActor, draft.id, { version: edited.version + 1, standfirst: 'Live edit' });
    await articles.unpublish(systemActor, draft.id);
    await articles.delete(systemActor, draft.id);
    expect(log).toEqual([
      'in trx: saved hidden->hidden (row draft)',
      'after commit: saved hidden->hidden',
      'in trx: saved hidden->hidden (row draft)',
      'after commit: saved hidden->hidden',
      'in trx: status hidden->public (row published)',
      'after commit: status hidden->public',
      'in trx: saved public->public (row published)',
      'after commit: saved public->public',
      'in trx: status public->hidden (row unpublished)',
      'after commit: status public->hidden',
      'in trx: deleted hidden->hidden (row absent)',
      'after commit: deleted hidden->hidden',
    ]);
  });

  it('reports scheduled publication per article, and a deletion of a live article', async () => {
    const at = new Date(clock.getTime() + 60_000).toISOString();
    const scheduled = await articles.create(systemActor, {
      title: 'Embargoed',
      status: 'scheduled',
      published_at: at,
    });
    log.length = 0;
    expect(await articles.publishDue()).toEqual([]);
    clock = new Date(clock.getTime() + 120_000);
    expect(await articles.publishDue()).toEqual([scheduled.id]);
    expect(await articles.publishDue()).toEqual([]);
    await articles.delete(systemActor, scheduled.id);
    expect(log).toEqual([
      'in trx: status hidden->public (row published)',
      'after commit: status hidden->public',
      'in trx: deleted public->hidden (row absent)',
      'after commit: deleted public->hidden',
    ]);
  });

  it('names the other versions of the translation groups a change touches, as the transaction leaves them', async () => {
    const affected = () => changes.map((c) => `${c.kind} ${c.articleId}: ${c.alsoAffects.join(',')}`);
    const en = await articles.create(systemActor, { title: 'Original', language: 'en', status: 'published' });
    const ru = await articles.create(systemActor, {
      title: 'Перевод',
      language: 'ru',
      translation_of: en.id,
    });
    const de = await articles.create(systemActor, {
      title: 'Übersetzung',
      language: 'de',
      translation_of: ru.id,
    });
    const lone = await articles.create(systemActor, { title: 'Alone', language: 'fr' });
    changes.length = 0;

    await articles.publish(systemActor, ru.id);
    const version = async (id: string) => (await articles.get(id)).version;
    await articles.update(systemActor, lone.id, { version: lone.version, standfirst: 'Still alone' });
    // The original leaves: the two it leaves behind are named; so are they when it comes back.
    await articles.update(systemActor, en.id, { version: await version(en.id), translation_of: null });
    await articles.update(systemActor, en.id, { version: await version(en.id), translation_of: de.id });
    // Moving a translation to another group names the members of both.
    await articles.update(systemActor, de.id, { version: await version(de.id), translation_of: lone.id });
    await articles.delete(systemActor, ru.id);

    const sorted = (...ids: string[]) => ids.sort().join(',');
    expect(affected()).toEqual([
      `status ${ru.id}: ${sorted(en.id, de.id)}`,
      `saved ${lone.id}: `,
      `saved ${en.id}: ${sorted(ru.id, de.id)}`,
      `saved ${en.id}: ${sorted(ru.id, de.id)}`,
      `saved ${de.id}: ${sorted(en.id, ru.id, lone.id)}`,
      `deleted ${ru.id}: ${en.id}`,
    ]);
  });

  it('rolls the write back when recording in the transaction fails, and reports nothing after', async () => {
    const kept = await articles.create(systemActor, { title: 'Kept as it was' });
    log.length = 0;
    failInTransaction = true;
    await expect(articles.create(systemActor, { title: 'Never saved' })).rejects.toThrow(
      'could not be enqueued',
    );
    await expect(
      articles.update(systemActor, kept.id, { version: 1, title: 'Never changed' }),
    ).rejects.toThrow();
    await expect(articles.publish(systemActor, kept.id)).rejects.toThrow();
    await expect(articles.delete(systemActor, kept.id)).rejects.toThrow();
    expect((await articles.list({})).items.map((a) => a.title)).toEqual(['Kept as it was']);
    // A save's answer adds its import warnings; the stored article is the rest, unchanged.
    const { warnings, ...keptArticle } = kept;
    expect(warnings).toEqual([]);
    expect(await articles.get(kept.id)).toEqual(keptArticle);
    expect(log.filter((l) => l.startsWith('after commit'))).toEqual([]);
  });

  it('lets only the system (the demo seed, importers) say when an article was created', async () => {
    const editedAt = new Date('2024-03-01T08:00:00Z');
    const archived = await articles.create(systemActor, { title: 'From the archive' }, { editedAt });
    expect([archived.createdAt, archived.updatedAt]).toEqual([
      editedAt.toISOString(),
      editedAt.toISOString(),
    ]);
    const editor = apiKeyActor({ keyId: 'k1', name: 'laptop', role: 'editor' });
    await expect(articles.create(editor, { title: 'Backdated' }, { editedAt })).rejects.toThrow(
      'only the system may set when an article was created',
    );
  });
});
