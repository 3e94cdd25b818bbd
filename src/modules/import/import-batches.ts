import type { ArticleBatch, ArticleService } from '../articles/index.ts';

/** One item's writes, prepared outside any transaction; returns what to tell the report once committed. */
export interface ItemWrite {
  sourceId: string;
  title: string;
  write: (batch: ArticleBatch) => Promise<() => void>;
}

export type ItemOutcome = { ok: true; apply: () => void } | { ok: false; error: unknown };

export interface ImportBatches {
  /**
   * Whether an item of this source id waits in the queue: a later version of the same post must
   * be prepared after it is written (`flush` first), or it would not find it.
   */
  holds(sourceId: string): boolean;
  /** Queue an item's writes; the queue is written when full or when it has waited long enough. */
  add(item: ItemWrite): Promise<void>;
  /** Write what is queued. */
  flush(): Promise<void>;
}

/**
 * Writes an import's items a batch at a time: one transaction per batch, the batch's new articles
 * and what goes with them written a statement per table; an item that fails is undone alone and
 * the others commit together (if the statements of the batch fail, it is written again with a
 * savepoint per item). A batch's writes reach
 * the database only at its commit: an import killed part-way keeps the batches it committed, and
 * its next run matches them by source id.
 */
export function createImportBatches(options: {
  articles: Pick<ArticleService, 'batch'>;
  size: number;
  /** A batch that began filling longer ago than this is written when the next item comes. */
  maxWaitMs: number;
  /** Told of each item, in order, once its batch has committed (or failed). */
  onOutcome: (item: ItemWrite, outcome: ItemOutcome) => void;
  /**
   * Whether a batch's creates are written a statement per table (true, the default) or each
   * item as it comes in its savepoint. A bulk batch that fails is written again the second way.
   */
  bulk?: boolean;
  /** Told when a bulk batch failed and is written again an item at a time. */
  onBulkFailure?: (error: unknown) => void;
}): ImportBatches {
  let queued: ItemWrite[] = [];
  const ids = new Set<string>();
  let since = 0;

  async function flush(): Promise<void> {
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    ids.clear();
    let outcomes: ItemOutcome[] = [];
    const write = (bulk: boolean) => {
      outcomes = [];
      return options.articles.batch(
        async (batch) => {
          for (const item of items) {
            try {
              outcomes.push({ ok: true, apply: await batch.item(() => item.write(batch)) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        },
        { bulk },
      );
    };
    try {
      try {
        await write(options.bulk ?? true);
      } catch (error) {
        // The batch's rows written together failed (or its commit): nothing of it was kept, and
        // it is written again an item at a time, each in its savepoint, to find the item at fault.
        if (options.bulk === false) throw error;
        options.onBulkFailure?.(error);
        await write(false);
      }
    } catch (error) {
      // The commit itself failed: nothing of the batch was kept.
      for (const item of items) options.onOutcome(item, { ok: false, error });
      return;
    }
    items.forEach((item, i) => options.onOutcome(item, outcomes[i]!));
  }

  return {
    holds: (sourceId) => ids.has(sourceId),
    async add(item) {
      if (queued.length === 0) since = Date.now();
      queued.push(item);
      ids.add(item.sourceId);
      if (queued.length >= options.size || Date.now() - since >= options.maxWaitMs) await flush();
    },
    flush,
  };
}
