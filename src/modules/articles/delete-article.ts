import type { Actor } from '../staff/actor.ts';
import type { ArticleChange } from './article-changes.ts';
import { requireRow, subjectOf, writeAndRecord, type ArticleDeps } from './article-operation.ts';
import { assertAllowed, canDelete } from './article-permissions.ts';
import { deleteArticleRow } from './article-repository.ts';
import { isVisibleToReaders } from './publication-rules.ts';

export async function deleteArticle(deps: ArticleDeps, actor: Actor, id: string): Promise<void> {
  await writeAndRecord(deps, async (trx) => {
    const row = await requireRow(trx, id);
    assertAllowed(canDelete(actor, subjectOf(row)));
    const change: ArticleChange = {
      kind: 'deleted',
      articleId: id,
      slug: row.slug,
      wasPublic: isVisibleToReaders(row, deps.now()),
      isPublic: false,
    };
    // Recorded before the row goes, so a recorder can still read what the deletion takes with it
    // (for instance which Read more lists held the article: those rows cascade).
    await deps.changes.inTransaction(trx, change);
    await deleteArticleRow(trx, id);
    return { change, result: undefined };
  });
}
