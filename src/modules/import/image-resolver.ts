import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { MediaLookup } from '../articles/index.ts';
import type { MediaService } from '../media/index.ts';
import { findImported, recordImported } from './import-items.ts';

// An image of the old site becomes ours once per import, however many articles show it: from
// the local copy of the uploads folder when given (--media-dir), otherwise downloaded through
// the same safe fetch as any remote image (which refuses private addresses), and processed like
// any upload (metadata stripped, variants made). What cannot be had is reported, never fatal.

export type ResolvedImage = { ok: true; mediaId: string; src: string } | { ok: false; reason: string };

export interface ImageResolverOptions {
  db: Kysely<Database>;
  media: MediaService;
  lookupMedia: MediaLookup;
  source: string;
  siteUrl: string | null;
  mediaDir: string | null;
  download: boolean;
  now: () => Date;
  counts: { imported: number; reused: number };
}

/** Files under `dir` the URL's path may be: its whole path, then with leading folders dropped. */
export function candidateFiles(dir: string, url: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://relative.invalid').pathname);
  } catch {
    return [];
  }
  const root = resolve(dir);
  const parts = path.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const file = resolve(join(root, ...parts.slice(i)));
    if (file.startsWith(root + sep)) out.push(file);
  }
  return out;
}

export function createImageResolver(o: ImageResolverOptions) {
  const memo = new Map<string, Promise<ResolvedImage>>();

  const absolute = (url: string): string | null => {
    try {
      return new URL(url, o.siteUrl ?? undefined).toString();
    } catch {
      return null;
    }
  };

  async function srcOf(mediaId: string): Promise<string | null> {
    return (await o.lookupMedia([mediaId])).get(mediaId)?.url ?? null;
  }

  async function fromDir(url: string, details: Details): Promise<ResolvedImage | null> {
    if (!o.mediaDir) return null;
    for (const file of candidateFiles(o.mediaDir, url)) {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) continue;
      try {
        const record = await o.media.upload({ bytes: new Uint8Array(await readFile(file)), ...details });
        return { ok: true, mediaId: record.id, src: (await srcOf(record.id)) ?? '' };
      } catch (err) {
        return { ok: false, reason: `the local copy is no image we accept (${(err as Error).message})` };
      }
    }
    return null;
  }

  async function resolveOnce(url: string, details: Details): Promise<ResolvedImage> {
    const abs = absolute(url) ?? url;
    const known = await findImported(o.db, o.source, 'media', abs);
    if (known) {
      const src = await srcOf(known.targetId);
      if (src) {
        o.counts.reused++;
        return { ok: true, mediaId: known.targetId, src };
      }
    }
    let result = await fromDir(abs, details);
    if (!result) {
      if (!o.download) result = { ok: false, reason: 'not in --media-dir, and downloading is off' };
      else if (!/^https?:/.test(abs)) result = { ok: false, reason: 'a relative address and no site URL' };
      else {
        const fetched = await o.media.importFromUrl(abs, details);
        result = fetched.ok
          ? { ok: true, mediaId: fetched.record.id, src: (await srcOf(fetched.record.id)) ?? '' }
          : { ok: false, reason: `${fetched.reason}: ${fetched.detail}` };
      }
    }
    if (result.ok) {
      o.counts.imported++;
      await recordImported(o.db, {
        source: o.source,
        kind: 'media',
        sourceId: abs,
        targetId: result.mediaId,
        contentHash: '',
        at: o.now().toISOString(),
      });
    }
    return result;
  }

  return {
    resolve(url: string, details: Details): Promise<ResolvedImage> {
      const key = absolute(url) ?? url;
      let found = memo.get(key);
      if (!found) {
        found = resolveOnce(url, details);
        memo.set(key, found);
        // Bounded: an archive's images are met again mostly close together.
        if (memo.size > 5000) memo.delete(memo.keys().next().value!);
      }
      return found;
    },
  };
}

type Details = { alt: string; caption: string; credit: string };
export type ImageResolver = ReturnType<typeof createImageResolver>;
