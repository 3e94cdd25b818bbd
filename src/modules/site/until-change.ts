// Every page shows the same site-wide data: the navigation sections, the newsletter lists, the
// names of tags and authors in the page's language. Reading them was 5 of an article page's 17
// queries, the same answers page after page. Every change that alters them (tags, authors,
// newsletter lists, settings) drops cached pages, here and, through the change feed, in every
// other process; so they are kept until the page cache next drops anything, and never longer
// than a minute (a change made behind the site's back shows within that, as pages do on expiry).

const MAX_KEYS = 64;
const MAX_AGE_MS = 60_000;

export class UntilChange {
  private seen = -1;
  private loadedAt = 0;
  private readonly values = new Map<string, Promise<unknown>>();

  constructor(
    /** A count that moves whenever something changed (PageCache.changes). */
    private readonly changes: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value kept for `key` since the last change, or what `load` gives now. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const changes = this.changes();
    const now = this.now();
    if (changes !== this.seen || now - this.loadedAt > MAX_AGE_MS || this.values.size >= MAX_KEYS) {
      this.values.clear();
      this.seen = changes;
      this.loadedAt = now;
    }
    const kept = this.values.get(key) as Promise<T> | undefined;
    if (kept) return kept;
    const loading = load();
    this.values.set(key, loading);
    // A failed read is not kept: the next page asks again.
    loading.catch(() => {
      if (this.values.get(key) === loading) this.values.delete(key);
    });
    return loading;
  }
}
