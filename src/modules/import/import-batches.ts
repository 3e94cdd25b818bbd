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
 * Writes an import's items a batch at a time: one transaction per batch, one savepoint per item,
 * so an item that fails is undone alone and the others commit together. A batch's writes reach
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
}): ImportBatches {
  let queued: ItemWrite[] = [];
  const ids = new Set<string>();
  let since = 0;

  async function flush(): Promise<void> {
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    ids.clear();
    const outcomes: ItemOutcome[] = [];
    try {
      await options.articles.batch(async (batch) => {
        for (const item of items) {
          try {
            outcomes.push({ ok: true, apply: await batch.item(() => item.write(batch)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
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
