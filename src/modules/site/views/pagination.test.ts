import { describe, expect, it } from 'vitest';
import { pageCount, paginate } from './pagination.ts';

const url = (n: number) => (n === 1 ? '/' : `/page/${n}`);

describe('pagination', () => {
  it('counts pages, an empty listing still having one', () => {
    expect(pageCount(0, 12)).toBe(1);
    expect(pageCount(12, 12)).toBe(1);
    expect(pageCount(13, 12)).toBe(2);
  });

  it('gives prev/next neighbours only where they exist', () => {
    expect(paginate(1, 3, url)).toMatchObject({ prev: null, next: '/page/2' });
    expect(paginate(2, 3, url)).toMatchObject({ prev: '/', next: '/page/3' });
    expect(paginate(3, 3, url)).toMatchObject({ prev: '/page/2', next: null });
    expect(paginate(1, 1, url)).toEqual({ page: 1, pages: 1, prev: null, next: null, links: [] });
  });

  it('elides long runs but always offers the first and last pages', () => {
    const pages = paginate(10, 20, url).links.map((l) => (l ? (l.current ? `[${l.page}]` : l.page) : '…'));
    expect(pages).toEqual([1, '…', 8, 9, '[10]', 11, 12, '…', 20]);
  });
});
