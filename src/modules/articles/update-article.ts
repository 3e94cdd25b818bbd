import type { Kysely, Transaction } from 'kysely';
import type { ArticlesTable, Database } from '../../db/schema.ts';
import { StaleUpdateError } from '../../domain/errors.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { iso } from '../../lib/time.ts';
import type { Actor } from '../staff/index.ts';
import { localizeBody, resolveBody } from './article-body.ts';
import { withoutCopying } from './localize-remote-images.ts';
import type { ArticleChange } from './article-changes.ts';
import { loadArticle, requireRow, subjectOf, writeAndRecord, type ArticleDeps } from './article-operation.ts';
import { assertAllowed, canEdit, canPublish } from './article-permissions.ts';
import { assertReferences } from './article-references.ts';
import {
  markTranslationGroupRoot,
  replaceArticleAuthors,
  replaceArticleTags,
  updateArticleAtVersion,
} from './article-repository.ts';
import { assertSlugFree, slugOwners, slugTaken } from '../../lib/slug-ownership.ts';
import type { ArticleUpdate, SavedArticle } from './article.types.ts';
import type { ImportWarning } from './document/index.ts';
import { isVisibleToReaders } from '../../domain/reader-visibility.ts';
import { assertLanguageFree, groupMembersAffected, resolveTranslationGroup } from './translation-group.ts';
import { quoted, recordArticleSave, type SaveRecord } from './article-history.ts';
import type { AlsoInTransaction } from './create-article.ts';

/** A status and publication time set with the content (an importer following its source). */
export interface Publication {
  status: ArticlesTable['status'];
  publishedAt: string | null;
}

/** Change an article's content; `input.version` must be the version the editor last saw. */
export async function updateArticle(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
  input: ArticleUpdate,
  /** How the save is named in its revision and the audit log (default: an edit). */
  record?: SaveRecord,
  options: { alsoInTransaction?: AlsoInTransaction; publication?: Publication } = {},
): Promise<SavedArticle> {
  const warnings = await applyUpdate(deps, actor, id, input, record, options);
  return { ...(await loadArticle(deps.db.kysely, id)), warnings };
}

/**
 * Update within a transaction the caller opened (article-batch.ts); the body's images must
 * already be ours (fetching remote ones would hold the transaction open).
 */
export async function updateArticleWithin(
  deps: ArticleDeps,
  trx: Transaction<Database>,
  actor: Actor,
  id: string,
  input: ArticleUpdate,
  options: { alsoInTransaction?: AlsoInTransaction; publication?: Publication } = {},
): Promise<void> {
  await applyUpdate(deps, actor, id, input, undefined, options, trx);
}

async function applyUpdate(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
  input: ArticleUpdate,
  record: SaveRecord | undefined,
  options: { alsoInTransaction?: AlsoInTransaction; publication?: Publication },
  within?: Transaction<Database>,
): Promise<ImportWarning[]> {
  const kysely = within ?? deps.db.kysely;
  const current = await requireRow(kysely, id);
  assertAllowed(canEdit(actor, subjectOf(current)));
  if (options.publication) assertAllowed(canPublish(actor, subjectOf(current)));
  if (input.version !== current.version) throw new StaleUpdateError(current.version, input.version);
  await assertReferences(kysely, input);
  if (input.slug && input.slug !== current.slug)
    await assertSlugFree(kysely, slugOwners.article, input.slug, id);
  const { patch, warnings } = await patchFrom(deps, kysely, current, input, !within);

  const slug = patch.slug ?? current.slug;
  // Status and date change here only for an importer following its source (options.publication).
  const wasPublic = isVisibleToReaders(current, deps.now());
  if (options.publication) {
    patch.status = options.publication.status;
    patch.published_at = options.publication.publishedAt;
  }
  const isPublic = options.publication
    ? isVisibleToReaders({ status: patch.status!, published_at: patch.published_at ?? null }, deps.now())
    : wasPublic;
  let updated: boolean;
  try {
    updated = await writeAndRecord(
      deps,
      async (trx) => {
        // The version check in the WHERE makes two concurrent saves of the same version impossible.
        if (!(await updateArticleAtVersion(trx, id, current.version, patch)))
          return { change: null, result: false };
        if (patch.translation_group) await markTranslationGroupRoot(trx, patch.translation_group);
        if (input.author_ids) await replaceArticleAuthors(trx, id, input.author_ids);
        if (input.tag_ids) await replaceArticleTags(trx, id, input.tag_ids);
        if (options.alsoInTransaction) await options.alsoInTransaction(trx, id);
        await recordArticleSave(
          deps,
          trx,
          actor,
          id,
          record ?? editRecord(patch.title ?? current.title, input, options.publication),
        );
        const change: ArticleChange = {
          kind: 'saved',
          articleId: id,
          slug,
          ...(slug !== current.slug ? { previousSlug: current.slug } : {}),
          wasPublic,
          isPublic,
          // The members of the group it was in (those it left behind, too) and of the one it is in now.
          alsoAffects: await groupMembersAffected(
            trx,
            [current.translation_group, patch.translation_group],
            id,
          ),
        };
        await deps.changes.inTransaction(trx, change);
        return { change, result: true };
      },
      within,
    );
  } catch (err) {
    // Another save took the slug between our check and our write.
    if (isUniqueViolation(err)) throw slugTaken(slugOwners.article, slug);
    throw err;
  }
  if (!updated) throw new StaleUpdateError((await requireRow(kysely, id)).version, input.version);
  return warnings;
}

async function patchFrom(
  deps: ArticleDeps,
  kysely: Kysely<Database> | Transaction<Database>,
  current: ArticlesTable,
  input: ArticleUpdate,
  fetchRemoteImages: boolean,
): Promise<{ patch: Partial<ArticlesTable>; warnings: ImportWarning[] }> {
  // Before the transaction: copying remote images waits on other sites.
  const body = await localizeBody(
    await resolveBody(input),
    fetchRemoteImages ? deps.remoteImages : withoutCopying(deps.remoteImages),
  );
  const language = input.language ?? current.language;
  const patch: Partial<ArticlesTable> = { updated_at: iso(deps.now()) };
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.slug !== undefined) patch.slug = input.slug;
  if (input.standfirst !== undefined) patch.standfirst = input.standfirst;
  if (body) {
    patch.body = JSON.stringify(body.tree);
    patch.body_text = body.text;
  }
  if (input.language !== undefined) patch.language = input.language;
  if (input.seo_title !== undefined) patch.seo_title = input.seo_title;
  if (input.seo_description !== undefined) patch.seo_description = input.seo_description;
  if (input.canonical_url !== undefined) patch.canonical_url = input.canonical_url;
  if (input.hero_media_id !== undefined) patch.hero_media_id = input.hero_media_id;
  if (input.translation_of === null) patch.translation_group = null;
  else if (input.translation_of !== undefined) {
    patch.translation_group = await resolveTranslationGroup(
      kysely,
      input.translation_of,
      language,
      current.id,
    );
  } else if (language !== current.language && current.translation_group) {
    // Staying in its group under another language: the group still holds one version per language.
    await assertLanguageFree(kysely, current.translation_group, language, current.id);
  }
  return { patch, warnings: body?.warnings ?? [] };
}

/** "edited "Title" (title, body)": which fields the save sent, never their values. */
function editRecord(title: string, input: ArticleUpdate, publication?: Publication): SaveRecord {
  const sent = Object.keys(input)
    .filter((k) => k !== 'version')
    .map((k) => (k === 'body_html' ? 'body' : k));
  if (publication) sent.push('status');
  return {
    action: 'article.update',
    summary: `edited ${quoted(title)}${sent.length ? ` (${[...new Set(sent)].join(', ')})` : ''}${publication ? `, now ${publication.status}` : ''}`,
  };
}
