import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { ArticlesTable, Database } from '../../db/schema.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Clock } from '../../lib/time.ts';
import type { ArticleChange, ArticleChangeRecorder } from './article-changes.ts';
import type { ArticleSubject } from './article-permissions.ts';
import { findArticleRow, hydrate } from './article-repository.ts';
import type { Article } from './article.types.ts';
import type { RemoteImages } from './localize-remote-images.ts';
import type { AuditRecorder } from '../audit/index.ts';

/** What every article operation works with. */
export interface ArticleDeps {
  db: Db;
  /** Told of every change, inside its transaction and after commit. */
  changes: ArticleChangeRecorder;
  defaultLanguage: string;
  now: Clock;
  /** Copies images from other sites into the media library when a body is saved. */
  remoteImages?: RemoteImages;
  /** Told of every save and deletion, inside its transaction. */
  audit?: AuditRecorder;
}

type Q = Kysely<Database> | Transaction<Database>;

export async function requireRow(db: Q, id: string): Promise<ArticlesTable> {
  const row = await findArticleRow(db, { id });
  if (!row) throw new NotFoundError('article', id);
  return row;
}

export async function loadArticle(db: Q, id: string): Promise<Article> {
  const [article] = await hydrate(db, [await requireRow(db, id)]);
  return article!;
}

export function subjectOf(row: Pick<ArticlesTable, 'status' | 'created_by'>): ArticleSubject {
  return { status: row.status, createdBy: row.created_by ?? null };
}

/**
 * Run `write` in a transaction that also records the change it reports, then tell the recorder
 * it committed. `write` returns the change (or null when it turned out there was nothing to do).
 * `within`: a transaction the caller opened for many saves (article-batch.ts), whose recorder
 * holds the changes until the caller commits.
 */
export async function writeAndRecord<T>(
  deps: ArticleDeps,
  write: (trx: Transaction<Database>) => Promise<{ change: ArticleChange | null; result: T }>,
  within?: Transaction<Database>,
): Promise<T> {
  if (within) {
    const { change, result } = await write(within);
    if (change) await deps.changes.afterCommit(change);
    return result;
  }
  const { change, result } = await deps.db.kysely.transaction().execute(write);
  if (change) await deps.changes.afterCommit(change);
  return result;
}
