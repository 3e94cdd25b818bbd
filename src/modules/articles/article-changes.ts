import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What happened to an article, for whoever keeps state derived from it (search index, Read more,
 * the publication schedule, cached pages). `wasPublic`/`isPublic` say whether readers could see
 * it before and after, so a reaction can tell a draft edit (no listing changes) from a live one.
 * `alsoAffects` names the other articles whose pages show this change although it is not theirs:
 * the members of the translation groups it was and is in (their language switchers and hreflang
 * links list the group's published versions).
 */
export interface ArticleChange {
  kind: 'saved' | 'status' | 'deleted';
  articleId: string;
  slug: string;
  previousSlug?: string;
  wasPublic: boolean;
  isPublic: boolean;
  /** Ids of other articles whose pages this change affects (no duplicates, never `articleId`). */
  alsoAffects: string[];
}

/**
 * The port article operations report their changes to. `inTransaction` runs inside the
 * transaction that makes the change, so durable follow-up work (jobs) commits or rolls back with
 * it; `afterCommit` runs once the change is committed, for fast in-process reactions (dropping
 * cached pages), and never throws into the operation that made the change.
 */
export interface ArticleChangeRecorder {
  inTransaction(trx: Transaction<Database>, change: ArticleChange): Promise<void>;
  /** The same for many changes at once (an import's batch), in fewer statements when it can. */
  inTransactionMany?(trx: Transaction<Database>, changes: readonly ArticleChange[]): Promise<void>;
  /**
   * The operation waits for a returned promise before it answers, so pages cached in this process
   * are dropped before the next request can read them; it must settle without throwing.
   */
  afterCommit(change: ArticleChange): void | Promise<void>;
}
