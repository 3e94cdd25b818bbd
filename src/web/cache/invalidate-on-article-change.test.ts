import { describe, expect, it } from 'vitest';
import type { ArticleChange } from '../../modules/articles/article-changes.ts';
import { cacheTags } from './cache-tags.ts';
import { cacheTagsForArticleChange, invalidateOnArticleChange } from './invalidate-on-article-change.ts';

const change = (wasPublic: boolean, isPublic: boolean, kind: ArticleChange['kind'] = 'saved') => ({
  kind,
  articleId: 'a1',
  slug: 'a-story',
  wasPublic,
  isPublic,
});

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

  it('hands the tags to the one invalidation callback', () => {
    const dropped: string[][] = [];
    invalidateOnArticleChange((tags) => dropped.push(tags))(change(false, true, 'status'));
    expect(dropped).toEqual([[cacheTags.article('a1'), cacheTags.listings]]);
  });
});
