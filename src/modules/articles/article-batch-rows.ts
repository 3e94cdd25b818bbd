import type { Insertable, Transaction } from 'kysely';
import type { ArticleRevisionsTable, ArticlesTable, Database } from '../../db/schema.ts';
import { isVisibleToReaders } from '../../domain/reader-visibility.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { AuditEntry } from '../audit/index.ts';
import type { Actor } from '../staff/index.ts';
import type { ArticleChange } from './article-changes.ts';
import { quoted } from './article-history.ts';
import type { ArticleDeps } from './article-operation.ts';
import { missingIds } from './article-repository.ts';
import { fieldsOf, revisionRow } from './article-revisions.ts';
import type { ArticleCreate } from './article.types.ts';
import { prepareNewArticle, type AlsoInTransaction, type CreateOptions } from './create-article.ts';

/**
 * The rows of a bulk batch (article-batch.ts), gathered an item at a time and written at the end
 * with one statement per table: the articles, their author and tag links, their first revisions,
 * the audit entries, then what the caller collected (an importer's records and old addresses).
 */
export interface BatchRows {
  articles: ArticlesTable[];
  authors: Array<{ article_id: string; author_id: string; position: number }>;
  tags: Array<{ article_id: string; tag_id: string; position: number }>;
  revisions: Insertable<ArticleRevisionsTable>[];
  audit: AuditEntry[];
  /** Run after the articles are written, in order (`alsoInTransaction` of a staged create). */
  after: Array<(trx: Transaction<Database>) => Promise<void>>;
  /** The caller's rows by key, each key written by its own function in one call. */
  collected: Map<
    string,
    { write: (trx: Transaction<Database>, rows: unknown[]) => Promise<void>; rows: unknown[] }
  >;
  changes: ArticleChange[];
  slugs: Set<string>;
}

export function emptyRows(): BatchRows {
  return {
    articles: [],
    authors: [],
    tags: [],
    revisions: [],
    audit: [],
    after: [],
    collected: new Map(),
    changes: [],
    slugs: new Set(),
  };
}

/** An item's rows join the batch's once the item has succeeded. */
export function mergeRows(into: BatchRows, from: BatchRows): void {
  into.articles.push(...from.articles);
  into.authors.push(...from.authors);
  into.tags.push(...from.tags);
  into.revisions.push(...from.revisions);
  into.audit.push(...from.audit);
  into.after.push(...from.after);
  for (const [key, { write, rows }] of from.collected) {
    const have = into.collected.get(key);
    if (have) have.rows.push(...rows);
    else into.collected.set(key, { write, rows: [...rows] });
  }
  into.changes.push(...from.changes);
  for (const slug of from.slugs) into.slugs.add(slug);
}

/**
 * Whether a create can be staged: one with an explicit slug and no translation (those need a
 * look at rows the batch may not have written yet, so they are written at once instead).
 */
export function stageable(input: ArticleCreate): boolean {
  return !!input.slug && !input.translation_of;
}

/**
 * A create's checks (the same as a single create's: who may, references, slug, body) and its
 * rows, staged in `rows` instead of written. The slug must also be free among the batch's staged
 * articles (`taken`). Reference ids the batch has already found are not looked up again (`known`).
 */
export async function stageCreate(
  deps: ArticleDeps,
  trx: Transaction<Database>,
  actor: Actor,
  input: ArticleCreate,
  options: CreateOptions,
  batch: { rows: BatchRows; taken: (slug: string) => boolean; known: Set<string> },
): Promise<{ id: string; slug: string }> {
  const { row } = await prepareNewArticle(deps, actor, input, options, {
    db: trx,
    copyImages: false,
    references: (refs) => knownReferences(trx, refs, batch.known),
    slugFree: (slug) => !batch.taken(slug),
  });
  const rows = batch.rows;
  const authorIds = input.author_ids ?? [];
  const tagIds = input.tag_ids ?? [];
  const summary = `created ${quoted(row.title)} as ${row.status}`;
  rows.articles.push(row);
  rows.slugs.add(row.slug);
  authorIds.forEach((author_id, position) => rows.authors.push({ article_id: row.id, author_id, position }));
  tagIds.forEach((tag_id, position) => rows.tags.push({ article_id: row.id, tag_id, position }));
  rows.revisions.push(
    revisionRow(
      { actor, articleId: row.id, summary, at: deps.now() },
      1,
      fieldsOf(row, authorIds, tagIds),
      row.body,
    ),
  );
  rows.audit.push({ actor, action: 'article.create', objectType: 'article', objectId: row.id, summary });
  const also: AlsoInTransaction | undefined = options.alsoInTransaction;
  if (also) rows.after.push((t) => also(t, row.id));
  rows.changes.push({
    kind: 'saved',
    articleId: row.id,
    slug: row.slug,
    wasPublic: false,
    isPublic: isVisibleToReaders(row, deps.now()),
    alsoAffects: [],
  });
  return { id: row.id, slug: row.slug };
}

/** assertReferences, looking up only the ids the batch has not found yet (and keeping those it finds). */
async function knownReferences(trx: Transaction<Database>, refs: ArticleCreate, known: Set<string>) {
  const checks: Array<[string, 'authors' | 'tags' | 'media', string[]]> = [
    ['author_ids', 'authors', refs.author_ids ?? []],
    ['tag_ids', 'tags', refs.tag_ids ?? []],
    ['hero_media_id', 'media', refs.hero_media_id ? [refs.hero_media_id] : []],
  ];
  for (const [field, table, ids] of checks) {
    if (new Set(ids).size !== ids.length) throw new ValidationError(`${field}: lists an id twice`, { field });
    const missing = await missingIds(
      trx,
      table,
      ids.filter((id) => !known.has(`${table}:${id}`)),
    );
    if (missing.length)
      throw new ValidationError(`${field}: unknown id ${missing.join(', ')}`, { field, missing });
    for (const id of ids) known.add(`${table}:${id}`);
  }
}

/** Rows a statement at most, so no statement passes a database's limit on parameters. */
const CHUNK = 200;

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Writes what the batch staged, a statement per table; throws (and the caller rolls back) on any failure. */
export async function writeRows(
  deps: ArticleDeps,
  trx: Transaction<Database>,
  rows: BatchRows,
): Promise<void> {
  await insertAll(rows.articles, (c) => trx.insertInto('articles').values(c).execute());
  await insertAll(rows.authors, (c) => trx.insertInto('article_authors').values(c).execute());
  await insertAll(rows.tags, (c) => trx.insertInto('article_tags').values(c).execute());
  await insertAll(rows.revisions, (c) => trx.insertInto('article_revisions').values(c).execute());
  if (deps.audit?.recordMany) {
    const audit = deps.audit;
    await insertAll(rows.audit, (c) => audit.recordMany!(c, { trx }));
  } else for (const entry of rows.audit) await deps.audit?.record(entry, { trx });
  for (const after of rows.after) await after(trx);
  for (const { write, rows: collected } of rows.collected.values()) {
    if (collected.length) await write(trx, collected);
  }
}
