import type { DocumentTree } from '../../../src/modules/articles/document/editor-extensions.ts';
import type { AdminArticle } from './admin-types.ts';

/** What the editor lets a person change: the Admin API's writable article fields. */
export interface ArticleDraft {
  title: string;
  standfirst: string;
  slug: string;
  language: string;
  body: DocumentTree;
  author_ids: string[];
  tag_ids: string[];
  seo_title: string;
  seo_description: string;
  canonical_url: string | null;
  hero_media_id: string | null;
  /** Undefined: leave the article's translation links as they are. */
  translation_of?: string | null;
}

export const EMPTY_BODY: DocumentTree = { type: 'doc', content: [{ type: 'paragraph' }] };

export function emptyDraft(language: string): ArticleDraft {
  return {
    title: '',
    standfirst: '',
    slug: '',
    language,
    body: EMPTY_BODY,
    author_ids: [],
    tag_ids: [],
    seo_title: '',
    seo_description: '',
    canonical_url: null,
    hero_media_id: null,
  };
}

export function draftOf(article: AdminArticle): ArticleDraft {
  return {
    title: article.title,
    standfirst: article.standfirst,
    slug: article.slug,
    language: article.language,
    body: article.body,
    author_ids: article.authors.map((a) => a.id),
    tag_ids: article.tags.map((t) => t.id),
    seo_title: article.seo_title,
    seo_description: article.seo_description,
    canonical_url: article.canonical_url,
    hero_media_id: article.hero_media_id,
  };
}

/**
 * The request body of a save: the fields that differ from what was last saved (every field for a
 * new article), so a revision records what the person changed and nothing else.
 */
export function saveBody(draft: ArticleDraft, lastSaved?: ArticleDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { ...draft, canonical_url: draft.canonical_url || null };
  // An empty slug on a new article lets the server make one from the title.
  if (draft.slug.trim() === '') delete body.slug;
  if (draft.translation_of === undefined) delete body.translation_of;
  if (lastSaved) {
    const changed = new Set<string>(differingFields(draft, lastSaved));
    for (const field of DRAFT_FIELDS) if (!changed.has(field)) delete body[field];
  }
  return body;
}

export const DRAFT_FIELDS = [
  'title',
  'standfirst',
  'body',
  'slug',
  'language',
  'author_ids',
  'tag_ids',
  'hero_media_id',
  'seo_title',
  'seo_description',
  'canonical_url',
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** The fields whose values differ between two drafts, in the order the editor shows them. */
export function differingFields(a: ArticleDraft, b: ArticleDraft): DraftField[] {
  return DRAFT_FIELDS.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

export type Choice = 'mine' | 'theirs' | 'both';

/**
 * A draft made of both sides of a conflict: each differing field from the side the person chose.
 * "both" keeps the two bodies one after the other (theirs first, then a rule, then mine), so
 * nothing either person wrote is lost; for a list field (tags, bylines) it is the union.
 */
export function combineDrafts(
  mine: ArticleDraft,
  theirs: ArticleDraft,
  choices: Partial<Record<DraftField, Choice>>,
): ArticleDraft {
  const out: ArticleDraft = { ...mine };
  for (const field of differingFields(mine, theirs)) {
    const choice = choices[field] ?? 'mine';
    if (choice === 'theirs') (out as unknown as Record<string, unknown>)[field] = theirs[field];
    else if (choice === 'both') {
      if (field === 'body')
        out.body = {
          type: 'doc',
          content: [...theirs.body.content, { type: 'horizontalRule' }, ...mine.body.content],
        };
      else if (field === 'author_ids' || field === 'tag_ids')
        out[field] = [...new Set([...theirs[field], ...mine[field]])];
      else if (field === 'standfirst') out.standfirst = `${theirs.standfirst}\n${mine.standfirst}`;
    }
  }
  return out;
}

/** Which fields offer "both" in the conflict screen. */
export function canCombine(field: DraftField): boolean {
  return field === 'body' || field === 'author_ids' || field === 'tag_ids' || field === 'standfirst';
}
