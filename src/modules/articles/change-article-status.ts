import type { ArticleStatus } from '../../db/schema.ts';
import { iso } from '../../lib/time.ts';
import { systemActor, type Actor } from '../staff/index.ts';
import type { ArticleChange } from './article-changes.ts';
import { loadArticle, requireRow, subjectOf, writeAndRecord, type ArticleDeps } from './article-operation.ts';
import { assertAllowed, canPublish } from './article-permissions.ts';
import { findDueArticles, publishIfScheduled, setArticleStatus } from './article-repository.ts';
import type { Article, ArticleSchedule } from './article.types.ts';
import { isVisibleToReaders } from '../../domain/reader-visibility.ts';
import { decidePublication } from './publication-rules.ts';
import { groupMembersAffected } from './translation-group.ts';
import { quoted, recordArticleSave } from './article-history.ts';

type Next = { status: ArticleStatus; publishedAt: string | null };

/**
 * Move an article to the status `decide` picks from its current row. The row is read, the rule
 * checked and the status written in one transaction, so the decision is about what is stored.
 */
async function changeStatus(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
  decide: (row: { status: ArticleStatus; published_at: string | null }) => Next,
): Promise<Article> {
  await writeAndRecord(deps, async (trx) => {
    const row = await requireRow(trx, id);
    assertAllowed(canPublish(actor, subjectOf(row)));
    const next = decide(row);
    const at = deps.now();
    await setArticleStatus(trx, id, { ...next, updatedAt: iso(at) });
    await recordArticleSave(deps, trx, actor, id, statusRecord(row, next));
    const change: ArticleChange = {
      kind: 'status',
      articleId: id,
      slug: row.slug,
      wasPublic: isVisibleToReaders(row, at),
      isPublic: isVisibleToReaders({ status: next.status, published_at: next.publishedAt }, at),
      // The other versions' language switchers list only published ones.
      alsoAffects: await groupMembersAffected(trx, [row.translation_group], id),
    };
    await deps.changes.inTransaction(trx, change);
    return { change, result: undefined };
  });
  return loadArticle(deps.db.kysely, id);
}

export function publishArticle(deps: ArticleDeps, actor: Actor, id: string): Promise<Article> {
  return changeStatus(deps, actor, id, (row) => {
    const at = iso(deps.now());
    // Taken down and put back: it keeps the date it first went out.
    const keepDate = row.status === 'unpublished' && row.published_at !== null && row.published_at <= at;
    return { status: 'published', publishedAt: keepDate ? row.published_at : at };
  });
}

export function scheduleArticle(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
  input: ArticleSchedule,
): Promise<Article> {
  return changeStatus(deps, actor, id, () => decidePublication('scheduled', input.published_at, deps.now()));
}

/** A scheduled article goes back to draft; a published one is taken down (its URL answers 410). */
export function unpublishArticle(deps: ArticleDeps, actor: Actor, id: string): Promise<Article> {
  return changeStatus(deps, actor, id, (row) => ({
    status: row.status === 'scheduled' ? 'draft' : 'unpublished',
    publishedAt: row.published_at,
  }));
}

/**
 * Publish every scheduled article whose time has come, each in its own transaction; safe to run
 * any number of times and from several workers at once. The system acts here: whoever scheduled
 * the article had the right to publish it.
 */
export async function publishDueArticles(deps: ArticleDeps): Promise<string[]> {
  const at = iso(deps.now());
  const published: string[] = [];
  for (const due of await findDueArticles(deps.db.kysely, at)) {
    const done = await writeAndRecord(deps, async (trx) => {
      if (!(await publishIfScheduled(trx, due.id, at))) return { change: null, result: false };
      await recordArticleSave(deps, trx, systemActor, due.id, {
        action: 'article.publish',
        summary: `published ${quoted(due.title)} at its scheduled time`,
      });
      const change: ArticleChange = {
        kind: 'status',
        articleId: due.id,
        slug: due.slug,
        wasPublic: false,
        isPublic: true,
        alsoAffects: await groupMembersAffected(trx, [due.translation_group], due.id),
      };
      await deps.changes.inTransaction(trx, change);
      return { change, result: true };
    });
    if (done) published.push(due.id);
  }
  return published;
}

/** The audit action and summary for a status change, from what it was to what it becomes. */
function statusRecord(row: { title: string; status: ArticleStatus }, next: Next) {
  const title = quoted(row.title);
  switch (next.status) {
    case 'published':
      return { action: 'article.publish', summary: `published ${title}` };
    case 'scheduled':
      return { action: 'article.schedule', summary: `scheduled ${title} for ${next.publishedAt ?? ''}` };
    case 'draft':
      return { action: 'article.unpublish', summary: `unscheduled ${title} (back to draft)` };
    case 'unpublished':
      return { action: 'article.unpublish', summary: `unpublished ${title}` };
  }
}
