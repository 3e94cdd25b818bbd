// When the appeal dialog may open, decided in the reader's browser from what this browser
// remembers (localStorage) and nothing else: no identifier leaves the page. Pure and
// dependency-free, so the browser script (appeal-script.ts) bundles it and the unit tests run it
// with any clock. Times are milliseconds since the epoch.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What the newsroom decided (from the appeal settings, rendered into the page). */
export interface AppealPolicy {
  /** The dialog opens on this article view and later (default 3: the third article). */
  viewsBeforeDialog: number;
  /** At most once per this many days, whatever the reader does. */
  capDays: number;
  /** "Remind me later" hides every appeal for this many days. */
  snoozeDays: number;
  /** Section slugs where no appeal opens. */
  excludedSections: readonly string[];
}

/** What this browser remembers. */
export interface AppealMemory {
  /** Article views counted so far. */
  views: number;
  /** When the dialog last opened, if ever. */
  lastShownAt: number | null;
  /** Appeals stay hidden until then. */
  snoozedUntil: number | null;
  /** Gave (the thank-you or donor page said so): never shown again. */
  supporter: boolean;
}

export const EMPTY_MEMORY: AppealMemory = {
  views: 0,
  lastShownAt: null,
  snoozedUntil: null,
  supporter: false,
};

/** The page being read: an article (in a section, or none), or another page. */
export interface AppealPage {
  article: boolean;
  section: string | null;
}

/** Whether the banner and the inline appeal show at all (supporters and the snooze hide them). */
export function appealsVisible(memory: AppealMemory, now: number): boolean {
  if (memory.supporter) return false;
  return memory.snoozedUntil === null || now >= memory.snoozedUntil;
}

/** An article page counts one more view; other pages count none. */
export function countView(memory: AppealMemory, page: AppealPage): AppealMemory {
  return page.article ? { ...memory, views: memory.views + 1 } : memory;
}

/** Whether the dialog opens on this page, after `countView`. */
export function shouldOpenDialog(
  policy: AppealPolicy,
  memory: AppealMemory,
  page: AppealPage,
  now: number,
): boolean {
  if (!page.article || !appealsVisible(memory, now)) return false;
  if (page.section !== null && policy.excludedSections.includes(page.section)) return false;
  if (memory.views < Math.max(1, policy.viewsBeforeDialog)) return false;
  if (memory.lastShownAt !== null && now < memory.lastShownAt + policy.capDays * DAY_MS) return false;
  return true;
}

export function markShown(memory: AppealMemory, now: number): AppealMemory {
  return { ...memory, lastShownAt: now };
}

/** "Remind me later": every appeal hidden for the snooze. */
export function snooze(policy: AppealPolicy, memory: AppealMemory, now: number): AppealMemory {
  return { ...memory, snoozedUntil: now + policy.snoozeDays * DAY_MS };
}

export function markSupporter(memory: AppealMemory): AppealMemory {
  return { ...memory, supporter: true };
}

/**
 * One variant by weight, `random` in [0, 1). A remembered variant that still exists is kept, so
 * a reader sees one text throughout.
 */
export function pickVariant(
  variants: ReadonlyArray<{ id: string; weight: number }>,
  remembered: string | null,
  random: number,
): string | null {
  if (remembered !== null && variants.some((v) => v.id === remembered && v.weight > 0)) return remembered;
  const total = variants.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
  if (total <= 0) return variants[0]?.id ?? null;
  let point = random * total;
  for (const v of variants) {
    point -= Math.max(0, v.weight);
    if (point < 0) return v.id;
  }
  return variants[variants.length - 1]!.id;
}

/** Memory read back from storage: anything malformed is forgotten, never trusted. */
export function parseMemory(raw: string | null): AppealMemory {
  if (!raw) return EMPTY_MEMORY;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
    return {
      views: Math.max(0, Math.floor(num(v.views) ?? 0)),
      lastShownAt: num(v.lastShownAt),
      snoozedUntil: num(v.snoozedUntil),
      supporter: v.supporter === true,
    };
  } catch {
    return EMPTY_MEMORY;
  }
}
