import { diffSentences, diffWordsWithSpace, type ChangeObject } from 'diff';

// What changed between two revisions, shaped for a person: the fields that differ with their
// before/after values, and the body as a diff of its readable text. Pure: no database.

/** The editable fields a revision keeps beside its body (the body is compared as text). */
export interface RevisionFields {
  title: string;
  slug: string;
  standfirst: string;
  language: string;
  status: string;
  published_at: string | null;
  seo_title: string;
  seo_description: string;
  canonical_url: string | null;
  hero_media_id: string | null;
  translation_group: string | null;
  author_ids: string[];
  tag_ids: string[];
}

export const REVISION_FIELD_NAMES = [
  'title',
  'slug',
  'standfirst',
  'language',
  'status',
  'published_at',
  'seo_title',
  'seo_description',
  'canonical_url',
  'hero_media_id',
  'translation_group',
  'author_ids',
  'tag_ids',
] as const satisfies ReadonlyArray<keyof RevisionFields>;

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface BodyPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** The fields whose values differ, in a fixed order (lists compared in order: bylines have one). */
export function diffFields(before: RevisionFields, after: RevisionFields): FieldChange[] {
  return REVISION_FIELD_NAMES.filter(
    (name) => JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null),
  ).map((name) => ({ field: name, before: before[name] ?? null, after: after[name] ?? null }));
}

/**
 * Beyond this many edits the word diff gives up (a rewritten 2 MB body would take seconds) and
 * the body is compared sentence by sentence instead.
 */
const MAX_WORD_EDITS = 4000;

/**
 * The body's text as runs of equal, deleted and inserted text. Word by word, so a corrected name
 * reads as that one word; but where most of the text was rewritten a word diff is confetti (every
 * other word struck out), so then it is shown sentence by sentence: the old sentence, the new one.
 */
export function diffBodyText(before: string, after: string): BodyPart[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const words = diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS });
  const parts = words && !isConfetti(words) ? words : diffSentences(before, after);
  return merge(parts);
}

/** Most of the text changed, in many small runs. */
function isConfetti(parts: ChangeObject<string>[]): boolean {
  let changed = 0;
  let total = 0;
  let runs = 0;
  for (const p of parts) {
    total += p.value.length;
    if (p.added || p.removed) {
      changed += p.value.length;
      runs += 1;
    }
  }
  return runs > 6 && changed > total * 0.6;
}

/** Adjacent runs of the same kind become one; deletions come before insertions at one place. */
function merge(parts: ChangeObject<string>[]): BodyPart[] {
  const out: BodyPart[] = [];
  for (const p of parts) {
    if (!p.value) continue;
    const op: BodyPart['op'] = p.added ? 'insert' : p.removed ? 'delete' : 'equal';
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += p.value;
    else out.push({ op, text: p.value });
  }
  return out;
}
