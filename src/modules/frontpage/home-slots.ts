/** Anything with an id: the rule needs nothing else, so it is tested without articles. */
export interface Story {
  id: string;
}

export interface HomeSlotsInput<A extends Story> {
  /** The editors' lead, if readers may see it; otherwise the newest story leads. */
  lead: A | null;
  /** The editors' featured stories, in their order. */
  featured: A[];
  /** Newest first: the lead when none is pinned, then the latest stream. */
  latest: A[];
  /** Each section rail's candidates, best first (more than a rail holds, so repeats can be skipped). */
  rails: A[][];
  /** Recent stories in the other languages, best first. */
  otherLanguages: A[];
  sizes: { latest: number; rail: number; otherLanguages: number };
}

export interface HomeSlots<A extends Story> {
  lead: A | null;
  featured: A[];
  latest: A[];
  /** One list per input rail, same order; a rail may come back short or empty. */
  rails: A[][];
  otherLanguages: A[];
}

/**
 * Who goes where on the home page, so that a story appears at most once. Slots are filled from
 * the top of the page down (lead, featured, latest, each section rail in navigation order, other
 * languages), each from its own candidates, skipping any story already placed above; a rail whose
 * candidates run out comes back short and the page collapses it.
 */
export function assignHomeSlots<A extends Story>(input: HomeSlotsInput<A>): HomeSlots<A> {
  const placed = new Set<string>();
  const take = (candidates: A[], size: number): A[] => {
    const chosen: A[] = [];
    for (const story of candidates) {
      if (chosen.length >= size) break;
      if (placed.has(story.id)) continue;
      placed.add(story.id);
      chosen.push(story);
    }
    return chosen;
  };
  const lead = input.lead ? (take([input.lead], 1)[0] ?? null) : (take(input.latest, 1)[0] ?? null);
  const featured = take(input.featured, input.featured.length);
  const latest = take(input.latest, input.sizes.latest);
  const rails = input.rails.map((candidates) => take(candidates, input.sizes.rail));
  const otherLanguages = take(input.otherLanguages, input.sizes.otherLanguages);
  return { lead, featured, latest, rails, otherLanguages };
}
