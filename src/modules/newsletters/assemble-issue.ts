// Which articles a digest carries, in which order. Pure: the store reads the candidates (published
// since the last issue, in the list's language) and the front page; this decides.
//
// Order: the editors' picks first (the front page's lead, then its featured stories, in their
// order), then everything else grouped by section in the navigation's order, newest first within
// a section; articles in no section come last.

export interface Candidate {
  id: string;
  publishedAt: string;
  /** The article's first section, if any. */
  sectionId: string | null;
  /** The section's place in the navigation; null: not in it (after those that are). */
  sectionOrder: number | null;
}

export interface AssemblyInput {
  candidates: readonly Candidate[];
  /** The front page's lead then featured ids, in the editors' order; ids not among candidates are ignored. */
  picks: readonly string[];
  /** At most this many items. */
  limit: number;
}

export const DEFAULT_ISSUE_ITEMS = 30;

export function assembleIssue({ candidates, picks, limit }: AssemblyInput): string[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const chosen: string[] = [];
  const seen = new Set<string>();
  for (const id of picks) {
    if (byId.has(id) && !seen.has(id)) {
      seen.add(id);
      chosen.push(id);
    }
  }
  const rest = candidates.filter((c) => !seen.has(c.id));
  const rank = (c: Candidate) => (c.sectionId === null ? 2 : c.sectionOrder === null ? 1 : 0);
  rest.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.sectionOrder ?? 0) - (b.sectionOrder ?? 0) ||
      (a.sectionId ?? '').localeCompare(b.sectionId ?? '') ||
      (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) ||
      a.id.localeCompare(b.id),
  );
  for (const c of rest) chosen.push(c.id);
  return chosen.slice(0, Math.max(0, limit));
}

/**
 * An editor's change to the items, applied to the current list: `order` (the full new order, or
 * any subset moved to the front in that order), `add` (appended, once), `remove`.
 */
export function editItems(
  current: readonly string[],
  change: { order?: readonly string[]; add?: readonly string[]; remove?: readonly string[] },
): string[] {
  const removed = new Set(change.remove ?? []);
  let items = current.filter((id) => !removed.has(id));
  for (const id of change.add ?? []) if (!items.includes(id) && !removed.has(id)) items.push(id);
  if (change.order) {
    const ordered = change.order.filter((id, i) => items.includes(id) && change.order!.indexOf(id) === i);
    items = [...ordered, ...items.filter((id) => !ordered.includes(id))];
  }
  return items;
}
