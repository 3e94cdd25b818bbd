// Where a mirror folder keeps its manifest: a small SQLite file beside the files
// (.samizdat-mirror.sqlite), with each file's entry and an index from cache tag to files. An
// incremental export over a 100,000-article mirror asks it which files show the changed
// articles and which are listing heads, and writes back only the entries it changed, in one
// transaction: it never reads, parses or rewrites a manifest of the whole site. A full export
// writes a new one into the staging folder, entry by entry, and the commit renames it into place.
import { rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { ArticleSitemapKey } from '../../modules/site/index.ts';
import {
  manifestHeaderSchema,
  type ManifestEntry,
  type ManifestHeader,
  type ManifestIndex,
} from './mirror-manifest.ts';

export const MANIFEST_FILE = '.samizdat-mirror.sqlite';
/** Where format 1 kept its manifest (one JSON document): removed by the first newer export. */
export const OLD_MANIFEST_FILE = '.samizdat-mirror.json';

export interface ManifestChanges {
  header: ManifestHeader;
  put: Array<[string, ManifestEntry]>;
  remove: string[];
  /** Changed articles' places in the article sitemaps: set, or dropped (no longer published). */
  keys?: { put: ArticleSitemapKey[]; remove: string[] };
}

export interface ManifestStore extends ManifestIndex {
  /** undefined for a manifest of another format or none. */
  readonly header: ManifestHeader | undefined;
  entry(file: string): ManifestEntry | undefined;
  /** Which of `files` the last export wrote (a 50,000-link sitemap asks for each of its links). */
  existing(files: string[]): Set<string>;
  /** Every file, in no particular order. */
  files(): IterableIterator<string>;
  count(): number;
  /**
   * Where these articles were in the article sitemaps at the last export (those published then);
   * undefined when the manifest does not know (written before it kept them).
   */
  articleKeys(ids: string[]): Map<string, ArticleSitemapKey> | undefined;
  /** Sets the header, puts and removes entries: all of it or nothing. */
  update(changes: ManifestChanges): void;
  close(): void;
}

/** A new manifest being written (the full export's): entries go in as pages are rendered. */
export interface ManifestWriter {
  put(file: string, entry: ManifestEntry): void;
  /** Every published article's place in the article sitemaps, as the export began. */
  putArticleKeys(keys: ArticleSitemapKey[]): void;
  /** Writes the header and the last entries, and closes the file. */
  finish(header: ManifestHeader): void;
  /** Closes and removes an unfinished file. */
  abandon(): void;
}

const SCHEMA = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists files (file text primary key, path text not null, hash text not null, tags text not null);
create table if not exists file_tags (tag text not null, file text not null, primary key (tag, file)) without rowid;
create table if not exists article_keys (id text primary key, published_at text not null) without rowid;
`;

const CHUNK = 500;

function statements(db: SQLite.Database) {
  const putFile = db.prepare('insert or replace into files (file, path, hash, tags) values (?, ?, ?, ?)');
  // file_tags is keyed by (tag, file): a file's rows are dropped by the tags its entry lists (a
  // delete by file alone would scan every row: 3 s of an incremental export at 20,000 articles).
  const oldTags = db.prepare('select tags from files where file = ?').pluck();
  const dropTag = db.prepare('delete from file_tags where tag = ? and file = ?');
  const dropTags = (file: string) => {
    const tags = oldTags.get(file) as string | undefined;
    if (tags) for (const tag of JSON.parse(tags) as string[]) dropTag.run(tag, file);
  };
  const putTag = db.prepare('insert or ignore into file_tags (tag, file) values (?, ?)');
  const dropFile = db.prepare('delete from files where file = ?');
  const putMeta = db.prepare("insert or replace into meta (key, value) values ('header', ?)");
  const putKey = db.prepare('insert or replace into article_keys (id, published_at) values (?, ?)');
  const dropKey = db.prepare('delete from article_keys where id = ?');
  const keysKept = db.prepare("insert or replace into meta (key, value) values ('articleKeys', '1')");
  return {
    keys(keys: ArticleSitemapKey[]) {
      for (const key of keys) putKey.run(key.id, key.publishedAt);
      keysKept.run();
    },
    dropKey(id: string) {
      dropKey.run(id);
    },
    put(file: string, entry: ManifestEntry, fresh = false) {
      const tags = [...new Set(entry.tags)].sort();
      if (!fresh) dropTags(file);
      putFile.run(file, entry.path, entry.hash, JSON.stringify(tags));
      for (const tag of tags) putTag.run(tag, file);
    },
    remove(file: string) {
      dropTags(file);
      dropFile.run(file);
    },
    header(header: ManifestHeader) {
      putMeta.run(JSON.stringify(header));
    },
  };
}

/** The manifest at `path`, or undefined when there is none or it cannot be read. */
export function openManifest(path: string): ManifestStore | undefined {
  let db: SQLite.Database;
  try {
    db = new SQLite(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
  } catch {
    return undefined;
  }
  let header: ManifestHeader | undefined;
  try {
    const row = db.prepare("select value from meta where key = 'header'").get() as
      { value: string } | undefined;
    const parsed = row ? manifestHeaderSchema.safeParse(JSON.parse(row.value)) : undefined;
    header = parsed?.success ? parsed.data : undefined;
  } catch {
    header = undefined;
  }
  const getEntry = db.prepare('select path, hash, tags from files where file = ?');
  const someFiles = new Map<number, SQLite.Statement>();
  const filesIn = (n: number) => {
    let statement = someFiles.get(n);
    if (!statement) {
      statement = db.prepare(`select file from files where file in (${'?,'.repeat(n - 1)}?)`).pluck();
      someFiles.set(n, statement);
    }
    return statement;
  };
  const write = statements(db);
  const keysKept = db.prepare("select 1 from meta where key = 'articleKeys'").get() !== undefined;
  const getKey = db.prepare('select id, published_at as publishedAt from article_keys where id = ?');
  const update = db.transaction((changes: ManifestChanges) => {
    for (const file of changes.remove) write.remove(file);
    for (const [file, entry] of changes.put) write.put(file, entry);
    if (changes.keys && keysKept) {
      for (const id of changes.keys.remove) write.dropKey(id);
      write.keys(changes.keys.put);
    }
    write.header(changes.header);
  });
  return {
    header,
    existing(files) {
      const out = new Set<string>();
      for (let i = 0; i < files.length; i += CHUNK) {
        const part = files.slice(i, i + CHUNK);
        for (const file of filesIn(part.length).all(...part) as string[]) out.add(file);
      }
      return out;
    },
    entry(file) {
      const row = getEntry.get(file) as { path: string; hash: string; tags: string } | undefined;
      return row ? { path: row.path, hash: row.hash, tags: JSON.parse(row.tags) as string[] } : undefined;
    },
    *files() {
      for (const row of db.prepare('select file from files').iterate() as Iterable<{ file: string }>) {
        yield row.file;
      }
    },
    count() {
      return (db.prepare('select count(*) as n from files').get() as { n: number }).n;
    },
    articleKeys(ids) {
      if (!keysKept) return undefined;
      const out = new Map<string, ArticleSitemapKey>();
      for (const id of ids) {
        const key = getKey.get(id) as ArticleSitemapKey | undefined;
        if (key) out.set(id, key);
      }
      return out;
    },
    *filesTagged(tags) {
      const seen = new Set<string>();
      for (let i = 0; i < tags.length; i += CHUNK) {
        const part = tags.slice(i, i + CHUNK);
        const rows = db
          .prepare(
            `select f.file, f.path from file_tags t join files f on f.file = t.file where t.tag in (${part.map(() => '?').join(',')})`,
          )
          .all(...part) as Array<{ file: string; path: string }>;
        for (const row of rows) {
          if (seen.has(row.file)) continue;
          seen.add(row.file);
          yield row;
        }
      }
    },
    update(changes) {
      update(changes);
    },
    close() {
      db.close();
    },
  };
}

/** Starts a new manifest at `path` (replacing any file there). */
export function createManifest(path: string): ManifestWriter {
  rmSync(path, { force: true });
  const db = new SQLite(path);
  // A file nobody reads until it is finished and renamed into place: no journal needed.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(SCHEMA);
  const write = statements(db);
  let pending: Array<[string, ManifestEntry]> = [];
  const flush = db.transaction((rows: Array<[string, ManifestEntry]>) => {
    for (const [file, entry] of rows) write.put(file, entry, true);
  });
  return {
    put(file, entry) {
      pending.push([file, entry]);
      if (pending.length >= CHUNK) {
        flush(pending);
        pending = [];
      }
    },
    putArticleKeys(keys) {
      db.transaction(() => write.keys(keys))();
    },
    finish(header) {
      flush(pending);
      pending = [];
      write.header(header);
      db.close();
    },
    abandon() {
      if (db.open) db.close();
      rmSync(path, { force: true });
    },
  };
}
