import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChangeFeed,
  type ChangeFeed,
  type ChangeFeedOptions,
} from '../../src/modules/change-feed/index.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';
import { settle, waitFor } from '../support/wait-for.ts';

describe.each(testDatabases)('the change feed on %s', (dialect) => {
  let db: TestDb;
  const feeds: ChangeFeed[] = [];
  beforeEach(async () => {
    db = await openTestDb(dialect);
  });
  afterEach(async () => {
    for (const feed of feeds.splice(0)) await feed.stop();
    await db.destroy();
  });

  const feed = (origin: string, options: Partial<ChangeFeedOptions> = {}) => {
    const f = createChangeFeed({ db, origin, pollMs: 20, ...options });
    feeds.push(f);
    return f;
  };
  const rows = async () =>
    (await db.kysely.selectFrom('change_feed').select(['origin', 'deps']).orderBy('id').execute()).map(
      (r) => ({ origin: r.origin, deps: JSON.parse(r.deps) as string[] }),
    );

  it('writes one row per tick, each name once, and "site" alone when it is there', async () => {
    const writer = feed('writer');
    writer.publish(['article:a', 'listings']);
    writer.publish(new Set(['listings', 'article:b']));
    await waitFor(async () => (await rows()).length === 1);
    writer.publish(['article:c']);
    writer.publish(['site']);
    writer.publish(['listings']);
    await waitFor(async () => (await rows()).length === 2);
    await settle(50); // a wrong third row would have been written by now
    expect(await rows()).toEqual([
      { origin: 'writer', deps: ['article:a', 'listings', 'article:b'] },
      { origin: 'writer', deps: ['site'] },
    ]);
  });

  it('delivers other processes’ rows, in order, never its own and never those from before start', async () => {
    const writer = feed('writer');
    writer.publish(['article:old']);
    await waitFor(async () => (await rows()).length === 1);

    const reader = feed('reader');
    const received: string[][] = [];
    await reader.start((deps) => void received.push(deps));
    // Each row written before the next publish, so the order is known even on a busy machine.
    reader.publish(['article:mine']);
    await waitFor(async () => (await rows()).length === 2);
    writer.publish(['article:new']);
    await waitFor(async () => (await rows()).length === 3);
    writer.publish(['listings']);
    await waitFor(() => received.flat().includes('listings'));
    await settle(100); // several more polls, to catch a wrongly delivered own row
    expect(received.flat()).toEqual(['article:new', 'listings']);
    expect((await rows()).map((r) => r.origin)).toEqual(['writer', 'reader', 'writer', 'writer']);
  });

  it('prunes rows older than the retention, also on its own while polling', async () => {
    const t0 = Date.parse('2026-11-27T10:00:00Z');
    feed('old', { now: () => new Date(t0) }).publish(['article:a']);
    feed('newer', { now: () => new Date(t0 + 30 * 60_000) }).publish(['article:b']);
    await waitFor(async () => (await rows()).length === 2);

    const later = () => new Date(t0 + 60 * 60_000 + 1000);
    expect(await feed('pruner', { now: later }).prune()).toBe(1);
    expect((await rows()).map((r) => r.deps)).toEqual([['article:b']]);

    await feed('poller', { now: later, retentionMs: 10 * 60_000 }).start(() => {});
    await waitFor(async () => (await rows()).length === 0);
  });

  it('survives a database error: publishing logs and polling resumes', async () => {
    const logs: string[] = [];
    const log = (_level: string, message: string) => void logs.push(message);
    const writer = feed('writer', { log });
    const reader = feed('reader', { log });
    const received: string[][] = [];
    await reader.start((deps) => void received.push(deps));

    await sql`ALTER TABLE change_feed RENAME TO change_feed_away`.execute(db.kysely);
    expect(() => writer.publish(['article:lost'])).not.toThrow();
    await waitFor(() => logs.some((m) => m.includes('poll failed')));
    await waitFor(() => logs.some((m) => m.includes('could not record')));
    await sql`ALTER TABLE change_feed_away RENAME TO change_feed`.execute(db.kysely);

    writer.publish(['article:after']);
    await waitFor(() => received.length > 0);
    expect(received).toEqual([['article:after']]);
  });

  it('logs a failing handler and carries on with later rows', async () => {
    const logs: string[] = [];
    const reader = feed('reader', { log: (_level, message) => void logs.push(message) });
    const received: string[][] = [];
    await reader.start((deps) => {
      if (deps.includes('article:bad')) throw new Error('handler broke');
      received.push(deps);
    });
    const writer = feed('writer');
    writer.publish(['article:bad']);
    await waitFor(() => logs.includes('change feed: could not apply remote changes'));
    writer.publish(['article:good']);
    await waitFor(() => received.length > 0);
    expect(received).toEqual([['article:good']]);
  });

  it('never throws into the publisher, whatever it passes', () => {
    const logs: string[] = [];
    const writer = feed('writer', { log: (_level, message) => void logs.push(message) });
    const broken = {
      *[Symbol.iterator]() {
        yield 'listings';
        throw new Error('iterator broke');
      },
    };
    expect(() => writer.publish(broken)).not.toThrow();
    expect(logs).toEqual(['change feed: could not read the published names']);
  });

  it('stop() writes what is still pending, and stops polling', async () => {
    const writer = feed('writer');
    const reader = feed('reader');
    const received: string[][] = [];
    await reader.start((deps) => void received.push(deps));
    await reader.stop();
    writer.publish(['article:last']);
    await writer.stop();
    expect(await rows()).toEqual([{ origin: 'writer', deps: ['article:last'] }]);
    await settle(100); // several poll intervals: a stopped reader must not deliver
    expect(received).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('delivers a row that commits after a row with a higher id', async () => {
    const reader = feed('reader');
    const received: string[] = [];
    await reader.start((deps) => void received.push(...deps));
    await db.kysely.transaction().execute(async (trx) => {
      // Takes the lower id, and holds it uncommitted while another process writes and commits.
      await trx
        .insertInto('change_feed')
        .values({ origin: 'slow', deps: '["article:slow"]', created_at: new Date().toISOString() })
        .execute();
      feed('fast').publish(['article:fast']);
      await waitFor(() => received.includes('article:fast'));
      await settle(200); // the reader polls past the gap several times meanwhile
    });
    await waitFor(() => received.includes('article:slow'));
    expect(received).toEqual(['article:fast', 'article:slow']);
  });
});
