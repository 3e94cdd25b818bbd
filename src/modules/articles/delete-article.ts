import type { Actor } from '../staff/index.ts';
import type { ArticleChange } from './article-changes.ts';
import { requireRow, subjectOf, writeAndRecord, type ArticleDeps } from './article-operation.ts';
import { assertAllowed, canDelete } from './article-permissions.ts';
import { deleteArticleRow } from './article-repository.ts';
import { isVisibleToReaders } from '../../domain/reader-visibility.ts';
import { groupMembersAffected } from './translation-group.ts';
import { quoted, recordArticleSave } from './article-history.ts';

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
      alsoAffects: await groupMembersAffected(trx, [row.translation_group], id),
    };
    await deleteArticleRow(trx, id);
    await recordArticleSave(
      deps,
      trx,
      actor,
      id,
      { action: 'article.delete', summary: `deleted ${quoted(row.title)}` },
      { revision: false },
    );
    // Recorded as the transaction leaves things: the article gone (its publish job is cancelled,
    // and Read more lists that held it are recomputed by the related module's own job).
    await deps.changes.inTransaction(trx, change);
    return { change, result: undefined };
  });
}
