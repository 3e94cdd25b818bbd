import { renderText } from './document/index.ts';
import type { Actor } from '../staff/index.ts';
import { quoted } from './article-history.ts';
import { loadArticle, requireRow, subjectOf, type ArticleDeps } from './article-operation.ts';
import { assertAllowed, canEdit } from './article-permissions.ts';
import { missingIds } from './article-repository.ts';
import { getRevision, listRevisions, type Revision, type RevisionSummary } from './article-revisions.ts';
import type { Article, SavedArticle } from './article.types.ts';
import { diffBodyText, diffFields, type BodyPart, type FieldChange } from './revision-diff.ts';
import { updateArticle } from './update-article.ts';

// Reading and restoring an article's revisions. Whoever may edit the article may read its
// history; a restore is an ordinary update (same permission, same version check), recorded as a
// new revision.

async function assertMayEdit(deps: ArticleDeps, actor: Actor, id: string): Promise<void> {
  assertAllowed(canEdit(actor, subjectOf(await requireRow(deps.db.kysely, id))));
}

export async function listArticleRevisions(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
): Promise<RevisionSummary[]> {
  await assertMayEdit(deps, actor, id);
  return listRevisions(deps.db.kysely, id);
}

export async function getArticleRevision(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
  revisionId: string,
): Promise<Revision> {
  await assertMayEdit(deps, actor, id);
  return getRevision(deps.db.kysely, id, revisionId);
}

export interface RevisionDiff {
  from: Revision;
  to: Revision;
  fields: FieldChange[];
  body: BodyPart[];
}

export async function diffArticleRevisions(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
  fromId: string,
  toId: string,
): Promise<RevisionDiff> {
  await assertMayEdit(deps, actor, id);
  const [from, to] = await Promise.all([
    getRevision(deps.db.kysely, id, fromId),
    getRevision(deps.db.kysely, id, toId),
  ]);
  return {
    from,
    to,
    fields: diffFields(from.fields, to.fields),
    body: diffBodyText(renderText(from.body), renderText(to.body)),
  };
}

/**
 * Put the article's content back as it was in a revision: title, slug, standfirst, body,
 * language, SEO fields, hero, bylines and tags. Not its status or dates (publishing is its own
 * decision) nor its translation links (they belong to the other articles too). Bylines, tags and
 * a hero photo deleted since are left out rather than refusing the restore.
 */
export async function restoreArticleRevision(
  deps: ArticleDeps,
  actor: Actor,
  id: string,
  revisionId: string,
  version: number,
): Promise<SavedArticle> {
  const { kysely } = deps.db;
  // Checked again by the update; first here, so a refused caller learns nothing of the revision.
  await assertMayEdit(deps, actor, id);
  const revision = await getRevision(kysely, id, revisionId);
  const f = revision.fields;
  const [goneAuthors, goneTags, goneHero] = await Promise.all([
    missingIds(kysely, 'authors', f.author_ids),
    missingIds(kysely, 'tags', f.tag_ids),
    missingIds(kysely, 'media', f.hero_media_id ? [f.hero_media_id] : []),
  ]);
  return updateArticle(
    deps,
    actor,
    id,
    {
      version,
      title: f.title,
      slug: f.slug,
      standfirst: f.standfirst,
      // An article saved without a body has an empty document, which the tree input refuses.
      ...(revision.body.content.length ? { body: revision.body } : { body_html: '' }),
      language: f.language,
      seo_title: f.seo_title,
      seo_description: f.seo_description,
      canonical_url: f.canonical_url,
      hero_media_id: goneHero.length ? null : f.hero_media_id,
      author_ids: f.author_ids.filter((a) => !goneAuthors.includes(a)),
      tag_ids: f.tag_ids.filter((t) => !goneTags.includes(t)),
    },
    { action: 'article.restore', summary: `restored ${quoted(f.title)} to revision ${revision.number}` },
  );
}

/** The article as saved, for whoever may edit it (the preview). */
export async function getArticleForEditing(deps: ArticleDeps, actor: Actor, id: string): Promise<Article> {
  await assertMayEdit(deps, actor, id);
  return loadArticle(deps.db.kysely, id);
}
