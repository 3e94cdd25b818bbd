import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../staff/index.ts';
import type { ArticleChange } from './article-changes.ts';
import type { ArticleDeps } from './article-operation.ts';
import type { ArticleCreate, ArticleUpdate } from './article.types.ts';
import { createArticleWithin, type CreateOptions } from './create-article.ts';
import { updateArticleWithin, type Publication } from './update-article.ts';
import type { AlsoInTransaction } from './create-article.ts';

/**
 * Many saves in one transaction, each item of them in its own savepoint: an importer writes a
 * hundred articles with one commit instead of a hundred, and an item that fails is undone alone.
 * Saves inside take no second look at remote images (the caller brings bodies whose images are
 * already ours) and return ids, not whole articles.
 */
export interface ArticleBatch {
  /** The batch's transaction, for the caller's own writes that belong with a save. */
  readonly trx: Transaction<Database>;
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
}

/**
 * Runs `run` with a batch and commits it; the follow-ups of the kept saves (jobs) are written
 * just before the commit, in the same transaction, and the after-commit reactions run after it.
 * If `run` throws, nothing of the batch is kept.
 */
export async function inArticleBatch<T>(
  deps: ArticleDeps,
  run: (batch: ArticleBatch) => Promise<T>,
): Promise<T> {
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
  let result: T;
  try {
    result = await run({
      trx,
      async item(work) {
        const marks = [toRecord.length, committed.length] as const;
        const savepoint = await trx.savepoint('item').execute();
        try {
          const value = await work();
          await savepoint.releaseSavepoint('item').execute();
          return value;
        } catch (err) {
          await savepoint.rollbackToSavepoint('item').execute();
          await savepoint.releaseSavepoint('item').execute();
          toRecord.length = marks[0];
          committed.length = marks[1];
          throw err;
        }
      },
      create: (actor, input, options) => createArticleWithin(held, trx, actor, input, options),
      update: (actor, id, input, options) => updateArticleWithin(held, trx, actor, id, input, options),
    });
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
