import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import type { ArticleBatch } from '../../src/modules/articles/index.ts';
import { createImportBatches, type ItemOutcome } from '../../src/modules/import/import-batches.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { tagCreateSchema } from '../../src/modules/tags/index.ts';
import { createServices } from '../../src/web/services.ts';
import { jobBackendCases, type JobBackend } from '../support/job-backends.ts';
import { storedJobs } from '../support/stored-jobs.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import type { DialectName } from '../../src/db/dialect.ts';

// A bulk batch (articles.batch with bulk): creates are checked as they come, their rows written a
// statement per table at the end. An item that fails leaves nothing (article, links, revision,
// audit entry, collected rows, jobs); its neighbours are kept; a slug is taken once per batch; a
// batch whose statements fail keeps nothing, and the importer writes it again item by item.

describe.each(jobBackendCases)('a bulk article batch on %s (%s jobs)', (dialect, backend) => {
  let db: TestDb | undefined;
  let services: Services | undefined;
  let dataDir = '';
  afterEach(async () => {
    await services?.close();
    await db?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(d: DialectName, b: JobBackend) {
    db = await openTestDb(d);
    dataDir = mkdtempSync(join(tmpdir(), 'article-batch-bulk-'));
    const config = loadConfig({
      env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
      cwd: dataDir,
    });
    services = await createServices(config, { db, changeFeed: false, jobBackend: b });
    const tag = await services.tags.create(tagCreateSchema.parse({ name: 'Valley', slug: 'valley' }));
    return { s: services, db, tag };
  }

  const body = (n: number, tagId: string, slug = `dispatch-${n}`) => ({
    title: `Dispatch ${n}`,
    slug,
    body_html: `<p>Dispatch ${n} from the valley.</p>`,
    tag_ids: [tagId],
    status: 'published' as const,
  });
  const redirect = (id: string, n: number) => ({ from: `/old/${n}`, id });
  const keepRedirects = async (trx: ArticleBatch['trx'], rows: Array<{ from: string; id: string }>) => {
    const at = new Date().toISOString();
    await trx
      .insertInto('redirects')
      .values(
        rows.map((r) => ({
          path: r.from,
          target: '/x',
          article_id: r.id,
          status: 301,
          origin: 'test',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  };

  it(
    'drops a failing middle item alone, and a slug taken twice in the batch once',
    { timeout: 60_000 },
    async () => {
      const { s, db, tag } = await start(dialect, backend);
      const ids: string[] = [];
      const errors: string[] = [];
      await s.articles.batch(
        async (batch) => {
          expect(batch.bulk).toBe(true);
          for (const n of [1, 2, 3, 4, 5]) {
            try {
              await batch.item(async () => {
                // Item 4 names a tag that does not exist: refused by the same check as a single create.
                const input =
                  n === 4
                    ? { ...body(n, 'no-such-tag') }
                    : n === 5
                      ? body(n, tag.id, 'dispatch-1')
                      : body(n, tag.id);
                const { id } = await batch.create(systemActor, input);
                ids.push(id);
                await batch.collect('redirects', redirect(id, n), keepRedirects);
                if (n === 2) throw new Error('the second item fails after its create');
              });
            } catch (err) {
              errors.push((err as Error).message);
            }
          }
        },
        { bulk: true },
      );
      expect(errors).toHaveLength(3);
      expect(errors[0]).toBe('the second item fails after its create');
      expect(errors[1]).toMatch(/tag_ids: unknown id/);
      expect(errors[2]).toMatch(/slug "dispatch-1"/);

      const articles = await db.kysely
        .selectFrom('articles')
        .select(['id', 'slug'])
        .orderBy('slug')
        .execute();
      expect(articles.map((a) => a.slug)).toEqual(['dispatch-1', 'dispatch-3']);
      expect(articles.map((a) => a.id)).not.toContain(ids[1]);
      const redirects = await db.kysely.selectFrom('redirects').select('path').orderBy('path').execute();
      expect(redirects.map((r) => r.path)).toEqual(['/old/1', '/old/3']);
      const tagged = await db.kysely.selectFrom('article_tags').select('article_id').execute();
      expect(new Set(tagged.map((t) => t.article_id))).toEqual(new Set(articles.map((a) => a.id)));
      const revisions = await db.kysely
        .selectFrom('article_revisions')
        .select(['article_id', 'number', 'fields'])
        .execute();
      expect(revisions).toHaveLength(2);
      expect(revisions.every((r) => Number(r.number) === 1)).toBe(true);
      expect(JSON.parse(revisions[0]!.fields).tag_ids).toEqual([tag.id]);
      const audit = await db.kysely
        .selectFrom('audit_log')
        .select('object_id')
        .where('action', '=', 'article.create')
        .execute();
      expect(new Set(audit.map((a) => a.object_id))).toEqual(new Set(articles.map((a) => a.id)));

      const jobs = await storedJobs(db, backend);
      for (const a of articles) {
        const keys = jobs.filter((j) => j.key?.includes(a.id)).map((j) => j.task);
        expect(keys).toEqual(expect.arrayContaining(['search.index-article', 'related.compute']));
      }
      expect(jobs.filter((j) => j.key?.includes(ids[1]!))).toEqual([]);
    },
  );

  it(
    'keeps nothing when its statements fail; the importer then writes it item by item',
    { timeout: 60_000 },
    async () => {
      const { s, db, tag } = await start(dialect, backend);
      // An old address already held: the bulk insert of redirects fails, so the whole batch does.
      const at = new Date().toISOString();
      await db.kysely
        .insertInto('redirects')
        .values({
          path: '/old/2',
          target: '/elsewhere',
          article_id: null,
          status: 301,
          origin: 'admin',
          created_at: at,
          updated_at: at,
        })
        .execute();
      const outcomes: Array<[string, ItemOutcome['ok']]> = [];
      let bulkFailures = 0;
      const batches = createImportBatches({
        articles: s.articles,
        size: 10,
        maxWaitMs: 60_000,
        onOutcome: (item, outcome) => {
          if (outcome.ok) outcome.apply();
          outcomes.push([item.sourceId, outcome.ok]);
        },
        onBulkFailure: () => bulkFailures++,
      });
      for (const n of [1, 2, 3]) {
        await batches.add({
          sourceId: String(n),
          title: `Dispatch ${n}`,
          write: async (batch) => {
            const { id } = await batch.create(systemActor, body(n, tag.id));
            await batch.collect('redirects', redirect(id, n), keepRedirects);
            return () => undefined;
          },
        });
      }
      await batches.flush();
      expect(bulkFailures).toBe(1);
      expect(outcomes).toEqual([
        ['1', true],
        ['2', false],
        ['3', true],
      ]);
      const articles = await db.kysely.selectFrom('articles').select('slug').orderBy('slug').execute();
      expect(articles.map((a) => a.slug)).toEqual(['dispatch-1', 'dispatch-3']);
      const revisions = await db.kysely.selectFrom('article_revisions').select('article_id').execute();
      expect(revisions).toHaveLength(2);
    },
  );
});
