import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ArticleRevisionsTable, ArticlesTable, Database } from '../../db/schema.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { iso } from '../../lib/time.ts';
import { actorRef, type Actor } from '../staff/index.ts';
import type { DocumentTree } from './document/index.ts';
import type { RevisionFields } from './revision-diff.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** One save of an article, as the revision list shows it. */
export interface RevisionSummary {
  id: string;
  number: number;
  createdAt: string;
  actorLabel: string;
  summary: string;
}

/** A revision with what the article was after that save. */
export interface Revision extends RevisionSummary {
  articleId: string;
  fields: RevisionFields;
  body: DocumentTree;
}

async function snapshot(trx: Q, row: ArticlesTable): Promise<RevisionFields> {
  const [authors, tags] = await Promise.all([
    trx
      .selectFrom('article_authors')
      .select('author_id')
      .where('article_id', '=', row.id)
      .orderBy('position')
      .execute(),
    trx
      .selectFrom('article_tags')
      .select('tag_id')
      .where('article_id', '=', row.id)
      .orderBy('position')
      .execute(),
  ]);
  return fieldsOf(
    row,
    authors.map((a) => a.author_id),
    tags.map((t) => t.tag_id),
  );
}

/** What a revision keeps of an article row and its author and tag links (in their order). */
export function fieldsOf(row: ArticlesTable, authorIds: string[], tagIds: string[]): RevisionFields {
  return {
    title: row.title,
    slug: row.slug,
    standfirst: row.standfirst,
    language: row.language,
    status: row.status,
    published_at: row.published_at,
    seo_title: row.seo_title,
    seo_description: row.seo_description,
    canonical_url: row.canonical_url,
    hero_media_id: row.hero_media_id,
    translation_group: row.translation_group,
    author_ids: authorIds,
    tag_ids: tagIds,
  };
}

/** The revision row of a save: `number` is the article's next, `fields` what it is after the save. */
export function revisionRow(
  args: { actor: Actor; articleId: string; summary: string; at: Date },
  number: number,
  fields: RevisionFields,
  body: string,
): Insertable<ArticleRevisionsTable> {
  return {
    id: randomUUID(),
    article_id: args.articleId,
    number,
    created_at: iso(args.at),
    actor_ref: actorRef(args.actor),
    actor_label: args.actor.label,
    summary: args.summary,
    fields: JSON.stringify(fields),
    body,
  };
}

/**
 * Keep the article as it is now in `trx` (after the save) as its next revision. Called by every
 * operation that saves an article, inside the save's transaction: the two commit together.
 */
export async function recordRevision(
  trx: Transaction<Database>,
  args: { actor: Actor; articleId: string; summary: string; at: Date },
): Promise<number> {
  const row = await trx
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', args.articleId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('article', args.articleId);
  const last = await trx
    .selectFrom('article_revisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('article_id', '=', args.articleId)
    .executeTakeFirst();
  // Saves of one article are serialised by the article row's version (update) or its lock
  // (status changes write the row first), so the next number is never taken twice.
  const number = Number(last?.n ?? 0) + 1;
  await trx
    .insertInto('article_revisions')
    .values(revisionRow(args, number, await snapshot(trx, row), row.body))
    .execute();
  return number;
}

export async function listRevisions(db: Q, articleId: string): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('article_revisions')
    .select(['id', 'number', 'created_at', 'actor_label', 'summary'])
    .where('article_id', '=', articleId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    createdAt: r.created_at,
    actorLabel: r.actor_label,
    summary: r.summary,
  }));
}

export async function getRevision(db: Q, articleId: string, revisionId: string): Promise<Revision> {
  const row = await db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('id', '=', revisionId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('revision', revisionId);
  return {
    id: row.id,
    articleId: row.article_id,
    number: Number(row.number),
    createdAt: row.created_at,
    actorLabel: row.actor_label,
    summary: row.summary,
    fields: JSON.parse(row.fields) as RevisionFields,
    body: JSON.parse(row.body) as DocumentTree,
  };
}
