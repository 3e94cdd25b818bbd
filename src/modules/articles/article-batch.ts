import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../staff/index.ts';
import type { ArticleChange } from './article-changes.ts';
import type { ArticleDeps } from './article-operation.ts';
import type { ArticleCreate, ArticleUpdate } from './article.types.ts';
import { createArticleWithin, type CreateOptions } from './create-article.ts';
import { updateArticleWithin, type Publication } from './update-article.ts';
import type { AlsoInTransaction } from './create-article.ts';
import {
  emptyRows,
  mergeRows,
  stageable,
  stageCreate,
  writeRows,
  type BatchRows,
} from './article-batch-rows.ts';

/**
 * Many saves in one transaction, each item of them undone alone if it fails: an importer writes a
 * hundred articles with one commit instead of a hundred. Saves inside take no second look at
 * remote images (the caller brings bodies whose images are already ours) and return ids, not
 * whole articles.
 *
 * Two ways to write: by default each item runs in its own savepoint and writes as it goes. With
 * `bulk`, an item's creates are checked as they come (the same checks as a single create) but
 * their rows are only staged, and written at the end with one statement per table; an item that
 * fails drops its staged rows, and takes a savepoint only if it wrote something at once (an update,
 * a create that cannot be staged). If writing the staged rows fails, the whole batch is rolled
 * back and the error thrown: the caller may run it again the default way.
 */
export interface ArticleBatch {
  /**
   * The batch's transaction, for the caller's own writes that belong with a save. In a bulk
   * batch, staged articles are not written yet and a write here is not undone with its item: use
   * `collect` instead.
   */
  readonly trx: Transaction<Database>;
  readonly bulk: boolean;
  /**
   * One item: whatever `work` writes in the batch (saves and the caller's own writes) is kept
   * together or undone together; its error is thrown again once undone.
   */
  item<T>(work: () => Promise<T>): Promise<T>;
  create(actor: Actor, input: ArticleCreate, options?: CreateOptions): Promise<{ id: string; slug: string }>;
  update(
    actor: Actor,
    id: string,
    input: ArticleUpdate,
    options?: { alsoInTransaction?: AlsoInTransaction; publication?: Publication },
  ): Promise<void>;
  /**
   * A row of the caller's that goes with the current item's saves (written after them). Rows of
   * one key are written together by `write`: at once in a default batch, at the end in a bulk one.
   */
  collect<R>(
    key: string,
    row: R,
    write: (trx: Transaction<Database>, rows: R[]) => Promise<void>,
  ): Promise<void>;
}

/**
 * Runs `run` with a batch and commits it; the follow-ups of the kept saves (jobs) are written
 * just before the commit, in the same transaction, and the after-commit reactions run after it.
 * If `run` throws, nothing of the batch is kept.
 */
export async function inArticleBatch<T>(
  deps: ArticleDeps,
  run: (batch: ArticleBatch) => Promise<T>,
  options: { bulk?: boolean } = {},
): Promise<T> {
  const bulk = options.bulk ?? false;
  const trx = await deps.db.kysely.startTransaction().execute();
  const toRecord: ArticleChange[] = [];
  const committed: ArticleChange[] = [];
  const held: ArticleDeps = {
    ...deps,
    changes: {
      inTransaction: async (_trx, change) => void toRecord.push(change),
      afterCommit: (change) => void committed.push(change),
    },
  };
  const staged = emptyRows();
  const known = new Set<string>();
  /** The item being run: its staged rows, and whether it opened a savepoint. */
  let current: { rows: BatchRows; savepoint: Savepoint | null } | null = null;
  const openSavepoint = () => trx.savepoint('item').execute();
  type Savepoint = Awaited<ReturnType<typeof openSavepoint>>;
  const savepointed = async <R>(write: () => Promise<R>): Promise<R> => {
    if (current && !current.savepoint) current.savepoint = await openSavepoint();
    return write();
  };
  let result: T;
  try {
    result = await run({
      trx,
      bulk,
      async item(work) {
        const marks = [toRecord.length, committed.length] as const;
        const mine: NonNullable<typeof current> = { rows: emptyRows(), savepoint: null };
        if (!bulk) mine.savepoint = await openSavepoint();
        current = mine;
        try {
          const value = await work();
          if (mine.savepoint) await mine.savepoint.releaseSavepoint('item').execute();
          mergeRows(staged, mine.rows);
          return value;
        } catch (err) {
          if (mine.savepoint) {
            await mine.savepoint.rollbackToSavepoint('item').execute();
            await mine.savepoint.releaseSavepoint('item').execute();
          }
          toRecord.length = marks[0];
          committed.length = marks[1];
          throw err;
        } finally {
          current = null;
        }
      },
      create(actor, input, createOptions = {}) {
        if (bulk && current && stageable(input))
          return stageCreate(held, trx, actor, input, createOptions, {
            rows: current.rows,
            taken: (slug) => staged.slugs.has(slug) || current!.rows.slugs.has(slug),
            known,
          });
        return savepointed(() => createArticleWithin(held, trx, actor, input, createOptions));
      },
      update: (actor, id, input, updateOptions) =>
        savepointed(() => updateArticleWithin(held, trx, actor, id, input, updateOptions)),
      async collect(key, row, write) {
        if (!bulk || !current) return write(trx, [row]);
        const have = current.rows.collected.get(key);
        if (have) have.rows.push(row);
        else
          current.rows.collected.set(key, {
            write: write as (t: Transaction<Database>, r: unknown[]) => Promise<void>,
            rows: [row],
          });
      },
    });
    if (bulk) {
      await writeRows(held, trx, staged);
      toRecord.push(...staged.changes);
      committed.push(...staged.changes);
    }
    if (deps.changes.inTransactionMany) await deps.changes.inTransactionMany(trx, toRecord);
    else for (const change of toRecord) await deps.changes.inTransaction(trx, change);
    await trx.commit().execute();
  } catch (err) {
    await trx
      .rollback()
      .execute()
      .catch(() => undefined);
    throw err;
  }
  for (const change of committed) await deps.changes.afterCommit(change);
  return result;
}
