// The manifest a mirror folder keeps beside its files (.samizdat-mirror.json): each file's site
// path, content hash and cache tags, and where in the change feed the export started. It is what
// lets the next export re-render only what a change affects. Pure: reading and writing the file
// is the exporter's.
import { z } from 'zod';
import { cacheTags } from '../cache/index.ts';

export const MANIFEST_FILE = '.samizdat-mirror.json';
/** Raised when the folder layout or the rewriting rules change: older mirrors are exported in full. */
export const MIRROR_FORMAT = 1;

const entrySchema = z.object({ path: z.string(), hash: z.string(), tags: z.array(z.string()) });
export type ManifestEntry = z.infer<typeof entrySchema>;

export const manifestSchema = z.object({
  format: z.literal(MIRROR_FORMAT),
  /** What the pages were rendered with: the Samizdat version and the theme's asset names. */
  version: z.string(),
  siteUrl: z.string(),
  baseUrl: z.string().nullable(),
  /** The last change-feed row applied; null when the feed was empty (the next export is full). */
  changeFeed: z.object({ id: z.number(), createdAt: z.string() }).nullable(),
  /** By mirror file ("articles/x/index.html"). */
  files: z.record(z.string(), entrySchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest as written: keys sorted, so the same export gives the same bytes. */
export function serializeManifest(manifest: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const key of Object.keys(manifest.files).sort()) {
    const e = manifest.files[key]!;
    files[key] = { path: e.path, hash: e.hash, tags: [...e.tags].sort() };
  }
  return `${JSON.stringify({ ...manifest, files }, null, 1)}\n`;
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
  manifest: Manifest,
  changed: ReadonlySet<string>,
  /** Which listing heads a changed story now appears on; default every one. */
  listsChanged: (path: string) => boolean = () => true,
): string[] {
  const listings = changed.has(cacheTags.listings);
  const out: string[] = [];
  for (const [file, entry] of Object.entries(manifest.files)) {
    const hit = entry.tags.some(
      (tag) => tag !== cacheTags.listings && tag !== cacheTags.site && changed.has(tag),
    );
    const head =
      listings &&
      entry.tags.includes(cacheTags.listings) &&
      !LATER_PAGE.test(entry.path) &&
      listsChanged(entry.path);
    if (hit || head) out.push(file);
  }
  return out.sort();
}
