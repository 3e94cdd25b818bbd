import { cacheTags } from '../../web/cache/index.ts';

/**
 * The cache tags one feed row carries: each name once, in first-seen order, empty names
 * dropped. "site" already invalidates every cached page, so a batch holding it is just ["site"].
 * Used for what a process writes (everything published within one tick) and for what it applies
 * (every remote row read in one poll).
 */
export function batchDeps(names: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const name of names) {
    if (name === cacheTags.site) return [cacheTags.site];
    if (name !== '') unique.add(name);
  }
  return [...unique];
}
