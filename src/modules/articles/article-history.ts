import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../staff/index.ts';
import type { ArticleDeps } from './article-operation.ts';
import { recordRevision } from './article-revisions.ts';

/** How an article save is named in the audit log and the revision list. */
export interface SaveRecord {
  /** "article.create", "article.update", "article.publish", "article.restore"… */
  action: string;
  summary: string;
}

/**
 * The history of one article save, written inside its transaction: a revision (what the article
 * is now) and an audit entry (who did what). Deleting keeps no revision (the revisions go with
 * the article) but is audited: pass `revision: false`.
 */
export async function recordArticleSave(
  deps: ArticleDeps,
  trx: Transaction<Database>,
  actor: Actor,
  articleId: string,
  save: SaveRecord,
  options: { revision?: boolean } = {},
): Promise<void> {
  if (options.revision !== false) {
    await recordRevision(trx, { actor, articleId, summary: save.summary, at: deps.now() });
  }
  await deps.audit?.record(
    { actor, action: save.action, objectType: 'article', objectId: articleId, summary: save.summary },
    { trx },
  );
}

/** A title as summaries quote it: short, so a summary stays one readable line. */
export function quoted(title: string): string {
  return `"${title.length > 120 ? `${title.slice(0, 119)}…` : title}"`;
}
