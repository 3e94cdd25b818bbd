import { describe, expect, it } from 'vitest';
import { diffBodyText, diffFields, type RevisionFields } from './revision-diff.ts';

const base: RevisionFields = {
  title: 'Water levels fall',
  slug: 'water-levels-fall',
  standfirst: '',
  language: 'en',
  status: 'draft',
  published_at: null,
  seo_title: '',
  seo_description: '',
  canonical_url: null,
  hero_media_id: null,
  translation_group: null,
  author_ids: ['a1'],
  tag_ids: [],
};

describe('diffFields', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(diffFields(base, { ...base, title: 'Water levels rise', tag_ids: ['t1'] })).toEqual([
      { field: 'title', before: 'Water levels fall', after: 'Water levels rise' },
      { field: 'tag_ids', before: [], after: ['t1'] },
    ]);
  });
  it('finds nothing between equal revisions', () => {
    expect(diffFields(base, { ...base, author_ids: ['a1'] })).toEqual([]);
  });
  it('sees a change in byline order', () => {
    expect(diffFields({ ...base, author_ids: ['a', 'b'] }, { ...base, author_ids: ['b', 'a'] })).toHaveLength(
      1,
    );
  });
});

describe('diffBodyText', () => {
  it('marks a corrected word as one deletion and one insertion', () => {
    expect(diffBodyText('The council met on Tuesday.', 'The council met on Wednesday.')).toEqual([
      { op: 'equal', text: 'The council met on ' },
      { op: 'delete', text: 'Tuesday' },
      { op: 'insert', text: 'Wednesday' },
      { op: 'equal', text: '.' },
    ]);
  });
  it('keeps the whole text equal when nothing changed, and nothing for two empty bodies', () => {
    expect(diffBodyText('Same.', 'Same.')).toEqual([{ op: 'equal', text: 'Same.' }]);
    expect(diffBodyText('', '')).toEqual([]);
  });
  it('shows a paragraph added at the end as an insertion', () => {
    const parts = diffBodyText('First.', 'First.\n\nSecond paragraph.');
    expect(parts[0]).toEqual({ op: 'equal', text: 'First.' });
    expect(
      parts
        .filter((p) => p.op === 'insert')
        .map((p) => p.text)
        .join(''),
    ).toContain('Second paragraph.');
    expect(parts.some((p) => p.op === 'delete')).toBe(false);
  });
  it('compares a rewritten text sentence by sentence instead of as confetti', () => {
    const before = 'Rain came early this year and the river rose fast. Farmers moved cattle uphill.';
    const after =
      'Drought hit late that spring while every stream shrank slowly. Farmers moved cattle uphill.';
    const parts = diffBodyText(before, after);
    expect(parts.find((p) => p.op === 'delete')?.text).toContain(
      'Rain came early this year and the river rose fast.',
    );
    expect(parts.find((p) => p.op === 'insert')?.text).toContain(
      'Drought hit late that spring while every stream shrank slowly.',
    );
    expect(parts.filter((p) => p.op !== 'equal')).toHaveLength(2);
  });
  it('puts the text back together: equal+delete is the old text, equal+insert the new', () => {
    const before = 'One two three. Four five six.';
    const after = 'One 2 three. Four five six seven.';
    const parts = diffBodyText(before, after);
    expect(
      parts
        .filter((p) => p.op !== 'insert')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.op !== 'delete')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });
});
