import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { parse } from 'csv-parse';
import { Unzip, UnzipInflate } from 'fflate';
import { DomainError } from '../../domain/errors.ts';
import type { ImportItem, ImportSource } from './import.types.ts';
import { anyDateToIso } from './local-time.ts';
import { plainText } from './plain-text.ts';

// A Substack export (Settings → Exports): posts.csv, one row per post, and posts/<post_id>.html
// with each body; as the folder or the .zip Substack sends. The CSV is streamed (csv-parse), each
// body read when its row comes; a zip is unpacked entry by entry (fflate) into a private temporary
// folder, keeping only posts.csv and posts/*.html.

const BODY = /^(?:[^/]+\/)?posts\/([A-Za-z0-9._-]+\.html)$/;
const CSV = /^(?:[^/]+\/)?posts\.csv$/;

/** Unpacks the entries we read into a new private folder; answers the folder. */
export async function unpackSubstackZip(zip: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-substack-'));
  mkdirSync(join(dir, 'posts'), { mode: 0o700 });
  let sawCsv = false;
  const unzip = new Unzip((entry) => {
    const body = BODY.exec(entry.name);
    const target = CSV.test(entry.name) ? join(dir, 'posts.csv') : body ? join(dir, 'posts', body[1]!) : null;
    if (!target) return;
    if (target.endsWith('posts.csv')) sawCsv = true;
    writeFileSync(target, '');
    entry.ondata = (err, chunk) => {
      if (err) throw new DomainError('invalid_input', `the zip is damaged: ${err.message}`);
      appendFileSync(target, chunk);
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(zip)) unzip.push(new Uint8Array(chunk as Buffer));
  unzip.push(new Uint8Array(0), true);
  if (!sawCsv)
    throw new DomainError('invalid_input', 'this is not a Substack export: the zip has no posts.csv');
  return dir;
}

export async function readSubstack(
  path: string,
  options: { timeZone: string; siteUrl: string | null },
): Promise<ImportSource> {
  const dir = statSync(path).isDirectory() ? path : await unpackSubstackZip(path);
  const csv = join(dir, 'posts.csv');
  if (!existsSync(csv))
    throw new DomainError('invalid_input', 'this is not a Substack export: there is no posts.csv');

  async function* items(): AsyncGenerator<ImportItem> {
    const rows = createReadStream(csv).pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }),
    );
    let first = true;
    try {
      for await (const row of rows as AsyncIterable<Record<string, string>>) {
        if (first) {
          first = false;
          if (!('post_id' in row) || !('title' in row)) {
            throw new DomainError(
              'invalid_input',
              'this is not a Substack export: posts.csv has no post_id and title columns',
            );
          }
        }
        const postId = (row.post_id ?? '').trim();
        const title = row.title ?? '';
        const sourceId = `post:${postId}`;
        const dot = postId.indexOf('.');
        const slug = dot > 0 ? postId.slice(dot + 1) : '';
        if (!postId || !/^[A-Za-z0-9._-]+$/.test(postId)) {
          yield { kind: 'problem', sourceId, title, message: 'the row has no usable post_id' };
          continue;
        }
        const html = await readFile(join(dir, 'posts', `${postId}.html`), 'utf8').catch(() => null);
        if (html === null) {
          yield {
            kind: 'problem',
            sourceId,
            title,
            message: `posts/${postId}.html is missing from the export`,
          };
          continue;
        }
        const published = (row.is_published ?? '').toLowerCase() === 'true';
        yield {
          kind: 'article',
          sourceId,
          type: 'post',
          status: published ? 'published' : 'draft',
          title,
          slug,
          html,
          excerpt: plainText(row.subtitle ?? ''),
          publishedAt: anyDateToIso(row.post_date, options.timeZone),
          modifiedAt: null,
          authors: [],
          sections: [],
          tags: [],
          featuredImage: null,
          language: null,
          oldPaths: slug ? [`/p/${slug}`] : [],
          comments: 0,
          shortcodes: {},
          seoTitle: '',
          seoDescription: '',
        };
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('invalid_input', `posts.csv cannot be read: ${(err as Error).message}`);
    }
  }
  return {
    platform: 'substack',
    siteUrl: options.siteUrl?.replace(/\/+$/, '') ?? null,
    items: items(),
    total: null,
  };
}
