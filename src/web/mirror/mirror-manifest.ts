// What a mirror folder remembers of its last export: each file's site path, content hash and
// cache tags, and where in the change feed the export started. It is what lets the next export
// re-render only what a change affects. Pure: where it is kept is mirror-manifest-store.ts.
import { z } from 'zod';
import { cacheTags } from '../cache/index.ts';

/** Raised when the folder layout, the rewriting rules or the manifest change: older mirrors are exported in full. */
export const MIRROR_FORMAT = 2;

export interface ManifestEntry {
  path: string;
  hash: string;
  tags: string[];
}

export const manifestHeaderSchema = z.object({
  format: z.literal(MIRROR_FORMAT),
  /** What the pages were rendered with: the Samizdat version and the theme's asset names. */
  version: z.string(),
  siteUrl: z.string(),
  baseUrl: z.string().nullable(),
  /** The last change-feed row applied; null when the feed was empty (the next export is full). */
  changeFeed: z.object({ id: z.number(), createdAt: z.string() }).nullable(),
});
export type ManifestHeader = z.infer<typeof manifestHeaderSchema>;

/** The manifest whole, in memory: for tests and small folders. */
export interface Manifest extends ManifestHeader {
  /** By mirror file ("articles/x/index.html"). */
  files: Record<string, ManifestEntry>;
}

/** What filesToRefresh asks of a manifest: the files carrying some tags, found by tag. */
export interface ManifestIndex {
  /** Each file (and its site path) whose entry carries at least one of `tags`. */
  filesTagged(tags: string[]): Iterable<{ file: string; path: string }>;
}

/** An in-memory manifest as a ManifestIndex. */
export function indexOfManifest(manifest: Manifest): ManifestIndex {
  return {
    *filesTagged(tags) {
      const wanted = new Set(tags);
      for (const [file, entry] of Object.entries(manifest.files)) {
        if (entry.tags.some((tag) => wanted.has(tag))) yield { file, path: entry.path };
      }
    },
  };
}

/** A listing's later pages (/page/2, /tag/x/page/3): they only shift when a story is added. */
const LATER_PAGE = /\/page\/\d+$/;

/**
 * The files an incremental export renders again, given the cache tags changed since the last
 * one: every file showing a changed article (its page, its translations, every card and Read
 * more of it, every listing and feed page that lists it) or the front page; and when anything
 * readers see was published, changed or withdrawn ("listings"), the first page of every listing,
 * every feed and every sitemap that `listsChanged` says a changed story is on now, since it
 * appears at their top. Later pages of a listing only shift by one story, and other listings'
 * "latest" asides by one line: the next full export refreshes them (docs/mirrors.md).
 */
export function filesToRefresh(
  index: ManifestIndex,
  changed: ReadonlySet<string>,
  /** Which listing heads a changed story now appears on; default every one. */
  listsChanged: (path: string) => boolean = () => true,
): string[] {
  const shown = [...changed].filter((tag) => tag !== cacheTags.listings && tag !== cacheTags.site);
  const out = new Set<string>();
  if (shown.length > 0) for (const { file } of index.filesTagged(shown)) out.add(file);
  if (changed.has(cacheTags.listings)) {
    for (const { file, path } of index.filesTagged([cacheTags.listings])) {
      if (!LATER_PAGE.test(path) && listsChanged(path)) out.add(file);
    }
  }
  return [...out].sort();
}
