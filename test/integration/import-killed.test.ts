import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { openTestDb, testDatabases } from '../support/test-db.ts';
import { removeTempDir, tempDir } from '../support/temp-dir.ts';
import { waitFor } from '../support/wait-for.ts';
import { wxr, type WxrItem } from '../support/wxr-fixtures.ts';

// `samizdat import wordpress` killed with SIGKILL part-way, then run again: every post arrives
// once, with its tags, authors, import record and old addresses (one item is one transaction, and
// the second run matches what the first committed by source id).

const CHILD = resolve(import.meta.dirname, '../support/import-child.ts');
const SITE = 'https://old.example';
const POSTS = 240;

function posts(): WxrItem[] {
  return Array.from({ length: POSTS }, (_, k) => {
    const i = k + 1;
    return {
      id: i,
      title: `Dispatch ${i}`,
      slug: `dispatch-${i}`,
      date: `2018-04-${String((i % 28) + 1).padStart(2, '0')} 08:00:00`,
      categories: [
        { domain: 'category', nicename: `desk-${i % 3}`, name: `Desk ${i % 3}` },
        { domain: 'post_tag', nicename: `topic-${i % 5}`, name: `Topic ${i % 5}` },
      ],
      content: `<p>Dispatch ${i} from the valley.</p>`,
    };
  });
}

async function database(
  dialect: 'sqlite' | 'postgres',
): Promise<{ db: Db; env: Record<string, string>; destroy: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const db = await openTestDb('postgres');
    return { db, env: { CHILD_DB_URL: db.url!, CHILD_DB_SCHEMA: db.schema! }, destroy: () => db.destroy() };
  }
  const dir = tempDir('import-kill-db');
  const url = join(dir, 'site.sqlite');
  const db = await connect({ url });
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

describe.each(testDatabases)('an import killed and run again on %s', (dialect) => {
  const children: ChildProcess[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const clean of cleanups.splice(0).reverse()) await clean();
  });

  it('loses nothing and duplicates nothing', { timeout: 240_000 }, async () => {
    const { db, env, destroy } = await database(dialect);
    cleanups.push(destroy);
    const dir = tempDir('import-kill');
    cleanups.push(() => removeTempDir(dir));
    const file = join(dir, 'export.xml');
    writeFileSync(file, wxr(SITE, posts()));
    const childEnv = { ...process.env, ...env, CHILD_DATA_DIR: dir, CHILD_FILE: file };
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
        env: childEnv,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return child;
    };
    const count = async (table: 'articles' | 'import_items' | 'redirects' | 'article_tags') =>
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const first = start();
    await waitFor(async () => (await count('articles')) >= POSTS / 4, { timeoutMs: 180_000 });
    first.kill('SIGKILL');
    await once(first, 'exit');
    const before = await count('articles');
    expect(before).toBeLessThan(POSTS);

    const second = start();
    let out = '';
    second.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(second, 'exit')) as [number];
    expect(code).toBe(0);
    const articles = JSON.parse(out) as { imported: number; unchanged: number; failed: number };
    expect(articles.failed).toBe(0);
    // What the first run committed is matched by source id, never imported twice.
    expect(articles.unchanged).toBe(before);
    expect(articles.imported + articles.unchanged).toBe(POSTS);

    expect(await count('articles')).toBe(POSTS);
    const slugs = await db.kysely.selectFrom('articles').select('slug').execute();
    expect(new Set(slugs.map((s) => s.slug))).toEqual(
      new Set(Array.from({ length: POSTS }, (_, k) => `dispatch-${k + 1}`)),
    );
    const records = await db.kysely
      .selectFrom('import_items')
      .select(['source_id', 'target_id'])
      .where('kind', '=', 'article')
      .execute();
    expect(records).toHaveLength(POSTS);
    expect(new Set(records.map((r) => r.target_id)).size).toBe(POSTS);
    // Every article whole: its two tags, and its old addresses (permalink, ?p=, two date paths, /slug/).
    expect(await count('article_tags')).toBe(POSTS * 2);
    const perArticle = await db.kysely
      .selectFrom('redirects')
      .select(['article_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('article_id')
      .execute();
    expect(perArticle).toHaveLength(POSTS);
    expect(new Set(perArticle.map((r) => Number(r.n)))).toEqual(new Set([4]));
    const tags = await db.kysely.selectFrom('tags').select('slug').execute();
    expect(tags.map((t) => t.slug).sort()).toEqual(
      ['desk-0', 'desk-1', 'desk-2', 'topic-0', 'topic-1', 'topic-2', 'topic-3', 'topic-4'].sort(),
    );
  });
});
