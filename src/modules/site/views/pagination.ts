import type { PaginationView } from './view-types.ts';

/** How many pages `total` items make at `perPage` a page (an empty listing still has page 1). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/**
 * Links for page `page` of `pages`: newer/older neighbours (rel prev/next) and a short run of
 * numbered pages around the current one, with the first and last always reachable.
 */
export function paginate(page: number, pages: number, urlOf: (page: number) => string): PaginationView {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const links: PaginationView['links'] = [];
  let previous = 0;
  for (const n of numbers) {
    if (n - previous > 1) links.push(null);
    links.push({ page: n, url: urlOf(n), current: n === page });
    previous = n;
  }
  return {
    page,
    pages,
    prev: page > 1 ? urlOf(page - 1) : null,
    next: page < pages ? urlOf(page + 1) : null,
    links: pages > 1 ? links : [],
  };
}
