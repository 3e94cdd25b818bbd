import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ArticlesTable, Database } from '../../db/schema.ts';
import { visibleToReaders } from '../../domain/reader-visibility.ts';
import { toCount } from '../../lib/count.ts';
import { toAuthor } from '../authors/index.ts';
import { toTag } from '../tags/index.ts';
import type { Article } from './article.types.ts';
import type { DocumentTree } from './document/index.ts';

// Every query and write on the articles tables lives here; the operations (create-article.ts and
// its siblings) decide, this file speaks SQL. Each function takes the connection or the
// transaction to run on.

type Q = Kysely<Database> | Transaction<Database>;

export interface ArticleFilter {
  /** Only what readers may see now (reader-visibility.ts): every public listing sets it. */
  readerVisible?: boolean;
  /** The newsroom's own filter (the Admin API's `?status=`). */
  status?: ArticlesTable['status'];
  tagSlug?: string;
  /** Linked to the section (a tag with is_section) with this slug. */
  sectionSlug?: string;
  /** The headline contains this text, ignoring case (the Admin API's `?q=`). */
  titleContains?: string;
  authorSlug?: string;
  language?: string;
  ids?: string[];
  /**
   * One article per translation group (a public listing shows a story once): the one in this
   * language when the group has one readers can see, else the original, else the newest.
   */
  oneOfEachTranslation?: string;
}

/** Turn rows into articles, loading their authors and tags in two batch queries. */
export async function hydrate(db: Q, rows: ArticlesTable[]): Promise<Article[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [authorRows, tagRows] = await Promise.all([
    db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as a', 'a.id', 'aa.author_id')
      .select(['aa.article_id', 'a.id', 'a.name', 'a.slug', 'a.bio', 'a.is_pen_name'])
      .where('aa.article_id', 'in', ids)
      .orderBy('aa.position')
      .execute(),
    db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.id', 't.name', 't.slug', 't.description', 't.is_section', 't.nav_order'])
      .where('at.article_id', 'in', ids)
      .orderBy('at.position')
      .execute(),
  ]);
  const authorsOf = byArticle(authorRows);
  const tagsOf = byArticle(tagRows);
  return rows.map((row) =>
    withLazyBody(row.body, {
      id: row.id,
      slug: row.slug,
      language: row.language,
      title: row.title,
      standfirst: row.standfirst,
      body: null as unknown as DocumentTree,
      bodyText: row.body_text,
      status: row.status,
      publishedAt: row.published_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      translationGroup: row.translation_group,
      seoTitle: row.seo_title,
      seoDescription: row.seo_description,
      canonicalUrl: row.canonical_url,
      heroMediaId: row.hero_media_id,
      version: row.version,
      authors: (authorsOf.get(row.id) ?? []).map(toAuthor),
      tags: (tagsOf.get(row.id) ?? []).map(toTag),
    }),
  );
}

/** Rows grouped by their article, in their order. */
function byArticle<R extends { article_id: string }>(rows: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const list = out.get(row.article_id);
    if (list) list.push(row);
    else out.set(row.article_id, [row]);
  }
  return out;
}

/**
 * The body as a property parsed when first read: a listing's cards (title, standfirst, hero,
 * bylines, section, date) never read it, and parsing forty bodies was a tenth of a home render.
 * Enumerable, so spreading or serialising an article reads it like any other field.
 */
function withLazyBody(json: string, article: Article): Article {
  let parsed: DocumentTree | undefined;
  // Redefining the existing property keeps its place among the keys (JSON output is unchanged).
  Object.defineProperty(article, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (parsed ??= JSON.parse(json) as DocumentTree),
    set: (value: DocumentTree) => {
      parsed = value;
    },
  });
  return article;
}

/** How articles link to tags and to authors. */
const LINKS = {
  tag: { link: 'article_tags', owner: 'tags', key: 'tag_id' },
  author: { link: 'article_authors', owner: 'authors', key: 'author_id' },
} as const;

/**
 * The condition "linked to the tag (or author) with this slug", in one of two equivalent shapes:
 * `exists` (a correlated check per article, cheapest when walking the listing index for the
 * first page) or `in` (the tag's or author's articles first, then a lookup of each: for counts,
 * 24 ms instead of 126 ms over a 2,600-article section at 100,000 articles on SQLite).
 */
function linkedTo(kind: keyof typeof LINKS, slug: string, membership: 'exists' | 'in', sectionOnly = false) {
  const { link, owner, key } = LINKS[kind];
  const section = sectionOnly ? sql` and o.is_section = 1` : sql``;
  const ids = sql`select l.article_id from ${sql.table(link)} l join ${sql.table(owner)} o on o.id = l.${sql.ref(key)} where o.slug = ${slug}${section}`;
  return membership === 'in'
    ? sql<SqlBool>`articles.id in (${ids})`
    : sql<SqlBool>`exists (${ids} and l.article_id = articles.id)`;
}

/** How much a listing in `language` prefers an article of a translation group: lower is better. */
function translationRank(table: string, language: string) {
  return sql`(case when ${sql.ref(`${table}.language`)} = ${language} then 0 when ${sql.ref(`${table}.id`)} = ${sql.ref(`${table}.translation_group`)} then 1 else 2 end)`;
}

/**
 * "No other member of this article's translation group that readers can see is preferred to it"
 * (see ArticleFilter.oneOfEachTranslation). Languages are unique in a group, so exactly one
 * visible member of each group passes.
 */
export function preferredTranslation(language: string) {
  const mine = translationRank('articles', language);
  const theirs = translationRank('other', language);
  return sql<SqlBool>`(articles.translation_group is null or not exists (select 1 from articles other
    where other.translation_group = articles.translation_group and other.id <> articles.id
    and ${visibleToReaders('other')}
    and (${theirs} < ${mine} or (${theirs} = ${mine} and (other.published_at > articles.published_at
      or (other.published_at = articles.published_at and other.id > articles.id))))))`;
}

/** Articles matching `filter`; see linkedTo for `membership`. */
function filtered(db: Q, filter: ArticleFilter, membership: 'exists' | 'in' = 'exists') {
  let query = db.selectFrom('articles');
  if (filter.readerVisible) query = query.where(visibleToReaders('articles'));
  if (filter.status) query = query.where('articles.status', '=', filter.status);
  if (filter.language) query = query.where('articles.language', '=', filter.language);
  if (filter.ids) query = query.where('articles.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.tagSlug) query = query.where(linkedTo('tag', filter.tagSlug, membership));
  if (filter.sectionSlug) query = query.where(linkedTo('tag', filter.sectionSlug, membership, true));
  if (filter.authorSlug) query = query.where(linkedTo('author', filter.authorSlug, membership));
  if (filter.oneOfEachTranslation !== undefined) {
    query = query.where(preferredTranslation(filter.oneOfEachTranslation));
  }
  if (filter.titleContains) {
    // lower() on both sides; the pattern's own % and _ are escaped so they match themselves.
    const needle = `%${filter.titleContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<SqlBool>`lower(articles.title) like ${needle} escape '\\'`);
  }
  return query;
}

/**
 * Newest first. Published listings (readers' or the newsroom's) order by publication time alone,
 * which the listing index serves without sorting (at 100,000 articles: 25 ms instead of 500 ms for page 2); mixed
 * listings fall back to the last change for work that has no publication time.
 * `count: false` skips counting the matches, for lists that show no page numbers.
 */
export async function findArticles(
  db: Q,
  filter: ArticleFilter,
  page: { limit: number; offset: number; count?: boolean },
): Promise<{ rows: ArticlesTable[]; total: number }> {
  let query = filtered(db, filter).selectAll('articles');
  query = byPublication(filter)
    ? query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc')
    : query
        .orderBy(sql`coalesce(articles.published_at, articles.updated_at)`, 'desc')
        .orderBy('articles.id', 'desc');
  const [rows, count] = await Promise.all([
    query.limit(page.limit).offset(page.offset).execute(),
    page.count === false
      ? undefined
      : filtered(db, filter, 'in')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count ? toCount(count.n) : page.offset + rows.length };
}

/**
 * The ids of one page of findArticles (no count): for candidates of which few are shown (the
 * home page's rails read each section deep to skip stories placed above them), so only the
 * shown ones are read whole and hydrated.
 */
export async function findArticleIdPage(
  db: Q,
  filter: ArticleFilter,
  page: { limit: number; offset: number },
): Promise<string[]> {
  let query = filtered(db, filter).select('articles.id');
  query = byPublication(filter)
    ? query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc')
    : query
        .orderBy(sql`coalesce(articles.published_at, articles.updated_at)`, 'desc')
        .orderBy('articles.id', 'desc');
  const rows = await query.limit(page.limit).offset(page.offset).execute();
  return rows.map((row) => row.id);
}

const byPublication = (filter: ArticleFilter) =>
  (filter.readerVisible || filter.status === 'published') && !filter.ids;

/**
 * The ids of every article matching `filter`, in findArticles' order: a whole listing in one
 * query, for a reader of every page of it (the static mirror), where paging with an offset
 * would walk the listing again for each page.
 */
export async function findArticleIds(db: Q, filter: ArticleFilter): Promise<string[]> {
  let query = filtered(db, filter, 'in').select('articles.id');
  query = byPublication(filter)
    ? query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc')
    : query
        .orderBy(sql`coalesce(articles.published_at, articles.updated_at)`, 'desc')
        .orderBy('articles.id', 'desc');
  return (await query.execute()).map((row) => row.id);
}

/** The rows of these articles, in the order of `ids` (missing ones left out). */
export async function findArticleRowsInOrder(db: Q, ids: string[]): Promise<ArticlesTable[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findArticleRow(
  db: Q,
  by: { id?: string; slug?: string },
): Promise<ArticlesTable | undefined> {
  let query = db.selectFrom('articles').selectAll();
  if (by.id !== undefined) query = query.where('id', '=', by.id);
  else if (by.slug !== undefined) query = query.where('slug', '=', by.slug);
  else return undefined;
  return query.executeTakeFirst();
}

/** `isNew`: the article was inserted in this transaction, so it has no authors to remove yet. */
export async function replaceArticleAuthors(
  db: Q,
  articleId: string,
  authorIds: string[],
  isNew = false,
): Promise<void> {
  if (!isNew) await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (authorIds.length === 0) return;
  await db
    .insertInto('article_authors')
    .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
    .execute();
}

/** `isNew`: the article was inserted in this transaction, so it has no tags to remove yet. */
export async function replaceArticleTags(
  db: Q,
  articleId: string,
  tagIds: string[],
  isNew = false,
): Promise<void> {
  if (!isNew) await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto('article_tags')
    .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
    .execute();
}

/** Ids from `ids` that do not exist in `table`: used to refuse dangling references with a clear error. */
export async function missingIds(db: Q, table: 'authors' | 'tags' | 'media' | 'articles', ids: string[]) {
  if (ids.length === 0) return [];
  const found = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

export async function insertArticle(db: Q, row: ArticlesTable): Promise<void> {
  await db.insertInto('articles').values(row).execute();
}

/** A translation group is named after its first article, which joins it when the second does. */
export async function markTranslationGroupRoot(db: Q, group: string): Promise<void> {
  await db.updateTable('articles').set({ translation_group: group }).where('id', '=', group).execute();
}

/** Apply `patch` only if the row is still at `version`; false when someone saved in between. */
export async function updateArticleAtVersion(
  db: Q,
  id: string,
  version: number,
  patch: Partial<ArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setArticleStatus(
  db: Q,
  id: string,
  change: { status: ArticlesTable['status']; publishedAt: string | null; updatedAt: string },
): Promise<void> {
  await db
    .updateTable('articles')
    .set((eb) => ({
      status: change.status,
      published_at: change.publishedAt,
      updated_at: change.updatedAt,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/** Scheduled articles whose time has come. */
export async function findDueArticles(db: Q, at: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'translation_group'])
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', at)
    .execute();
}

/** Publish a due article unless another worker did already; true if this call published it. */
export async function publishIfScheduled(db: Q, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set((eb) => ({ status: 'published', updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Authors, tags and Read more rows go with it (ON DELETE CASCADE). */
export async function deleteArticleRow(db: Q, id: string): Promise<void> {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}

/** The member of a translation group (its first article included) in `language`, if any. */
export async function findGroupMemberInLanguage(db: Q, group: string, language: string, exceptId: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where((eb) => eb.or([eb('translation_group', '=', group), eb('id', '=', group)]))
    .where('language', '=', language)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
}

/** Every member of these translation groups (their first articles included), except `exceptId`. */
export async function findGroupMemberIds(db: Q, groups: string[], exceptId: string): Promise<string[]> {
  if (groups.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where((eb) => eb.or([eb('translation_group', 'in', groups), eb('id', 'in', groups)]))
    .where('id', '!=', exceptId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The members of these translation groups that readers may see, by language. */
export async function findPublishedInGroups(db: Q, groups: string[]) {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'language', 'title', 'translation_group'])
    .where('translation_group', 'in', groups)
    .where(visibleToReaders('articles'))
    .orderBy('language')
    .execute();
}

/** The other members of a translation group, optionally only those in one status. */
export async function findGroupMembers(
  db: Q,
  group: string,
  exceptId: string,
  status?: ArticlesTable['status'],
) {
  let query = db
    .selectFrom('articles')
    .select(['id', 'slug', 'language', 'title', 'status'])
    .where('translation_group', '=', group)
    .where('id', '!=', exceptId);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('language').execute();
}

/**
 * Articles that show a photo, as hero or as a figure in the body. The body is stored as JSON
 * written by JSON.stringify, so a figure's reference appears as exactly `"media_id":"<id>"`.
 */
export async function findArticlesUsingMedia(db: Q, mediaId: string) {
  const needle = `%${JSON.stringify({ media_id: mediaId })
    .slice(1, -1)
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('articles')
    .select(['id', 'status', 'created_by'])
    .where((eb) => eb.or([eb('hero_media_id', '=', mediaId), sql<SqlBool>`body like ${needle} escape '\\'`]))
    .execute();
}
