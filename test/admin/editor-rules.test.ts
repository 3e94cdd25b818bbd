// Pure rules of the admin's editor: word count, and the conflict screen's combination of two
// versions (which must never lose what either person wrote).
import { describe, expect, it } from 'vitest';
import { countWords } from '../../admin/src/editor/word-count.ts';
import {
  combineDrafts,
  differingFields,
  emptyDraft,
  saveBody,
  type ArticleDraft,
} from '../../admin/src/editor/article-draft.ts';
import { bodyAsText } from '../../admin/src/editor/body-text.ts';
import { mayPublish } from '../../admin/src/editor/may-publish.ts';
import { ROLES, can } from '../../src/modules/staff/roles.ts';

const para = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

function draft(change: Partial<ArticleDraft>): ArticleDraft {
  return { ...emptyDraft('en'), title: 'T', ...change };
}

describe('countWords', () => {
  it('counts words in any script, keeping apostrophes and hyphens inside a word', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  — , . ')).toBe(0);
    expect(countWords("Don't stop — it's twenty-two o'clock")).toBe(5);
    expect(countWords('Сорок-два журналиста, 3 редакции; ёлка')).toBe(5);
  });
});

describe('conflict: combining two versions', () => {
  const theirs = draft({
    title: 'Their headline',
    body: { type: 'doc', content: [para('Their paragraph')] },
    tag_ids: ['a', 'b'],
  });
  const mine = draft({
    title: 'My headline',
    body: { type: 'doc', content: [para('My paragraph')] },
    tag_ids: ['b', 'c'],
  });

  it('lists the fields that differ', () => {
    expect(differingFields(mine, theirs)).toEqual(['title', 'body', 'tag_ids']);
    expect(differingFields(mine, mine)).toEqual([]);
  });

  it('keeps mine where nothing was chosen, theirs where chosen, and both bodies when asked', () => {
    const combined = combineDrafts(mine, theirs, { title: 'theirs', body: 'both', tag_ids: 'both' });
    expect(combined.title).toBe('Their headline');
    expect(bodyAsText(combined.body)).toBe('Their paragraph\n\n* * *\n\nMy paragraph');
    expect(combined.tag_ids).toEqual(['a', 'b', 'c']);
    expect(combineDrafts(mine, theirs, {})).toEqual(mine);
  });

  it('sends translation links only when the person changed them, and no empty slug', () => {
    expect(saveBody(draft({}))).not.toHaveProperty('translation_of');
    expect(saveBody(draft({}))).not.toHaveProperty('slug');
    expect(saveBody(draft({ translation_of: null, slug: 'x' }))).toMatchObject({
      translation_of: null,
      slug: 'x',
    });
  });

  it('saves only what changed since the last save', () => {
    const last = draft({ slug: 'a', standfirst: 'S' });
    expect(saveBody({ ...last, title: 'New' }, last)).toEqual({ title: 'New' });
    expect(saveBody({ ...last, translation_of: 'x' }, last)).toEqual({ translation_of: 'x' });
  });
});

describe('mayPublish', () => {
  it('shows the publish buttons exactly to the roles the server lets publish', () => {
    for (const role of ROLES) expect(mayPublish(role), role).toBe(can(role, 'articles.publish'));
    expect(mayPublish('contributor')).toBe(false);
  });
});
