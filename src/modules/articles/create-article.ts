import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ArticlesTable, Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { iso } from '../../lib/time.ts';
import { actorRef, type Actor } from '../staff/index.ts';
import { localizeBody, resolveBody } from './article-body.ts';
import { withoutCopying } from './localize-remote-images.ts';
import type { ArticleChange } from './article-changes.ts';
import { loadArticle, writeAndRecord, type ArticleDeps } from './article-operation.ts';
import { assertAllowed, canCreate } from './article-permissions.ts';
import { assertReferences } from './article-references.ts';
import {
  insertArticle,
  markTranslationGroupRoot,
  replaceArticleAuthors,
  replaceArticleTags,
} from './article-repository.ts';
import { assertSlugFree, nextFreeSlug, slugOwners, slugTaken } from '../../lib/slug-ownership.ts';
import type { ArticleCreate, SavedArticle } from './article.types.ts';
import { isVisibleToReaders } from '../../domain/reader-visibility.ts';
import { decidePublication } from './publication-rules.ts';
import { quoted, recordArticleSave } from './article-history.ts';
import { groupMembersAffected, resolveTranslationGroup } from './translation-group.ts';

const EMPTY_BODY = { tree: { type: 'doc', content: [] }, text: '', warnings: [] } as const;

/**
 * Attempts at a slug made from the title before giving up. Each retry follows a concurrent create
 * that took the candidate between our check and our insert, so more than a few means a storm.
 */
const SLUG_ATTEMPTS = 8;

export interface CreateOptions {
  /** When the article was created and last edited, if not now: an archive keeps its own dates. */
  editedAt?: Date;
  /**
   * More writes that must commit or fail with the article (an importer's record of where the
   * article came from, its old addresses): run inside the article's transaction.
   */
  alsoInTransaction?: AlsoInTransaction;
}

/** Writes run inside an article save's transaction, given the article's id. */
export type AlsoInTransaction = (trx: Transaction<Database>, articleId: string) => Promise<void>;

export async function createArticle(
  deps: ArticleDeps,
  actor: Actor,
  input: ArticleCreate,
  options: CreateOptions = {},
): Promise<SavedArticle> {
  const { id, warnings } = await insertNewArticle(deps, actor, input, options);
  return { ...(await loadArticle(deps.db.kysely, id)), warnings };
}

/**
 * Create within a transaction the caller opened (article-batch.ts): one attempt at the slug (a
 * failed statement spoils the caller's transaction), and the body's images must already be ours
 * (fetching remote ones would hold the transaction open). Returns the new article's id and slug.
 */
export async function createArticleWithin(
  deps: ArticleDeps,
  trx: Transaction<Database>,
  actor: Actor,
  input: ArticleCreate,
  options: CreateOptions = {},
): Promise<{ id: string; slug: string }> {
  const { id, slug } = await insertNewArticle(deps, actor, input, options, trx);
  return { id, slug };
}

async function insertNewArticle(
  deps: ArticleDeps,
  actor: Actor,
  input: ArticleCreate,
  options: CreateOptions,
  within?: Transaction<Database>,
): Promise<{ id: string; slug: string; warnings: SavedArticle['warnings'] }> {
  const kysely = within ?? deps.db.kysely;
  const { row, warnings } = await prepareNewArticle(deps, actor, input, options, {
    db: kysely,
    copyImages: !within,
  });

  // An explicit slug is the editor's choice: taken means 409. A slug made from the title takes
  // the next free one, also when a concurrent create wins the race for it (checked above, before
  // any remote image is fetched).
  for (let attempt = 1; ; attempt++) {
    row.slug = input.slug ?? (await nextFreeSlug(kysely, slugOwners.article, row.title));
    try {
      await insertWithLinks(deps, actor, row, input, options.alsoInTransaction, within);
      return { id: row.id, slug: row.slug, warnings };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (input.slug || within || attempt >= SLUG_ATTEMPTS) throw slugTaken(slugOwners.article, row.slug);
    }
  }
}

async function insertWithLinks(
  deps: ArticleDeps,
  actor: Actor,
  row: ArticlesTable,
  input: ArticleCreate,
  alsoInTransaction: AlsoInTransaction | undefined,
  within: Transaction<Database> | undefined,
): Promise<void> {
  await writeAndRecord(
    deps,
    async (trx) => {
      await insertArticle(trx, row);
      if (row.translation_group) await markTranslationGroupRoot(trx, row.translation_group);
      await replaceArticleAuthors(trx, row.id, input.author_ids ?? [], true);
      await replaceArticleTags(trx, row.id, input.tag_ids ?? [], true);
      if (alsoInTransaction) await alsoInTransaction(trx, row.id);
      await recordArticleSave(deps, trx, actor, row.id, {
        action: 'article.create',
        summary: `created ${quoted(row.title)} as ${row.status}`,
      });
      const change: ArticleChange = {
        kind: 'saved',
        articleId: row.id,
        slug: row.slug,
        wasPublic: false,
        isPublic: isVisibleToReaders(row, deps.now()),
        alsoAffects: await groupMembersAffected(trx, [row.translation_group], row.id),
      };
      await deps.changes.inTransaction(trx, change);
      return { change, result: undefined };
    },
    within,
  );
}

/**
 * The checks of a create and the row it would insert, with no write: who may create what, that
 * the references exist, that an explicit slug is free (`slugFree` may add its own test, e.g. the
 * slugs of a batch not yet written), the publication decided, the body resolved (and its remote
 * images copied, unless `copyImages` is false). `row.slug` is left empty when the input has none.
 */
export async function prepareNewArticle(
  deps: ArticleDeps,
  actor: Actor,
  input: ArticleCreate,
  options: Pick<CreateOptions, 'editedAt'>,
  how: {
    db: Kysely<Database> | Transaction<Database>;
    copyImages: boolean;
    /** Replaces the look-up of the references (a batch keeps the ids it already found). */
    references?: (refs: ArticleCreate) => Promise<void>;
    /** Another reason an explicit slug is taken (checked after the database). */
    slugFree?: (slug: string) => boolean;
  },
): Promise<{ row: ArticlesTable; warnings: SavedArticle['warnings'] }> {
  const kysely = how.db;
  // Only the system (the demo seed, importers) speaks for the past; an editor's save is now.
  if (options.editedAt && actor.kind !== 'system') {
    throw new ForbiddenError('only the system may set when an article was created');
  }
  const requested = input.status ?? 'draft';
  assertAllowed(canCreate(actor, requested));
  await (how.references ? how.references(input) : assertReferences(kysely, input));
  const language = input.language ?? deps.defaultLanguage;
  const resolved = await resolveBody(input);
  if (input.slug) {
    await assertSlugFree(kysely, slugOwners.article, input.slug);
    if (how.slugFree && !how.slugFree(input.slug)) throw slugTaken(slugOwners.article, input.slug);
  }
  const at = deps.now();
  const publication = decidePublication(requested, input.published_at, at);
  const id = randomUUID();
  const group = input.translation_of
    ? await resolveTranslationGroup(kysely, input.translation_of, language, id)
    : null;
  // Last of the checks, so a refused save has fetched nothing; before the transaction, since
  // copying remote images waits on other sites.
  const body =
    (await localizeBody(resolved, how.copyImages ? deps.remoteImages : withoutCopying(deps.remoteImages))) ??
    EMPTY_BODY;
  const row: ArticlesTable = {
    id,
    slug: input.slug ?? '',
    language,
    title: input.title.trim(),
    standfirst: input.standfirst ?? '',
    body: JSON.stringify(body.tree),
    body_text: body.text,
    status: publication.status,
    published_at: publication.publishedAt,
    created_at: iso(options.editedAt ?? at),
    updated_at: iso(options.editedAt ?? at),
    translation_group: group,
    seo_title: input.seo_title ?? '',
    seo_description: input.seo_description ?? '',
    canonical_url: input.canonical_url ?? null,
    hero_media_id: input.hero_media_id ?? null,
    version: 1,
    created_by: actorRef(actor),
  };
  return { row, warnings: [...body.warnings] };
}
