import { describe, expect, it } from 'vitest';
import type { ArticleChange } from '../../modules/articles/article-changes.ts';
import { cacheTags } from './cache-tags.ts';
import { cacheTagsForArticleChange, invalidateOnArticleChange } from './invalidate-on-article-change.ts';

const change = (
  wasPublic: boolean,
  isPublic: boolean,
  kind: ArticleChange['kind'] = 'saved',
  alsoAffects: string[] = [],
): ArticleChange => ({ kind, articleId: 'a1', slug: 'a-story', wasPublic, isPublic, alsoAffects });

describe('cacheTagsForArticleChange', () => {
  it('drops only the article itself when a draft is edited', () => {
    expect(cacheTagsForArticleChange(change(false, false))).toEqual([cacheTags.article('a1')]);
  });

  it('drops the listings too when readers could see the article before or after', () => {
    const both = [cacheTags.article('a1'), cacheTags.listings];
    expect(cacheTagsForArticleChange(change(true, true))).toEqual(both);
    expect(cacheTagsForArticleChange(change(false, true, 'status'))).toEqual(both);
    expect(cacheTagsForArticleChange(change(true, false, 'status'))).toEqual(both);
    expect(cacheTagsForArticleChange(change(true, false, 'deleted'))).toEqual(both);
  });

  it('drops the pages of the other articles the change affects (its translation group)', () => {
    expect(cacheTagsForArticleChange(change(false, false, 'saved', ['a2', 'a3']))).toEqual(
      ['a1', 'a2', 'a3'].map(cacheTags.article),
    );
    expect(cacheTagsForArticleChange(change(false, true, 'status', ['a2']))).toEqual([
      cacheTags.article('a1'),
      cacheTags.article('a2'),
      cacheTags.listings,
    ]);
  });

  it('hands the tags to the one invalidation callback', () => {
    const dropped: string[][] = [];
    invalidateOnArticleChange((tags) => dropped.push(tags))(change(false, true, 'status'));
    expect(dropped).toEqual([[cacheTags.article('a1'), cacheTags.listings]]);
  });
});
