// One shape for every source: the readers (wxr-reader.ts, ghost-reader.ts, substack-reader.ts)
// stream their export as these items, and the import (run-import.ts) knows nothing of where
// they came from.

export interface ImportAuthor {
  sourceId: string;
  name: string;
  slug: string;
  bio: string;
}

export interface ImportTerm {
  sourceId: string;
  name: string;
  slug: string;
  description: string;
}

export interface ImportImage {
  /** Absolute URL on the old site (or relative to it; the reader resolves what it can). */
  url: string;
  alt: string;
  caption: string;
  credit: string;
}

export interface ImportArticle {
  kind: 'article';
  /** Unique within the source: "post:123", "page:7", a Ghost id, a Substack post id. */
  sourceId: string;
  type: 'post' | 'page';
  /** private is imported as a draft, noted in the report; trashed is skipped, or takes down what an earlier run imported. */
  status: 'published' | 'draft' | 'scheduled' | 'private' | 'trashed';
  title: string;
  slug: string;
  /** Plain HTML (the reader has expanded shortcodes and the like). */
  html: string;
  excerpt: string;
  /** UTC ISO; null for an undated draft. */
  publishedAt: string | null;
  modifiedAt: string | null;
  authors: ImportAuthor[];
  /** Become sections. */
  sections: ImportTerm[];
  tags: ImportTerm[];
  featuredImage: ImportImage | null;
  /** From the source when it says (WPML, Polylang, Ghost's #lang- tags); else the site's default. */
  language: string | null;
  /** Old addresses of this article (full URLs or paths): each answers 301 to the new one. */
  oldPaths: string[];
  comments: number;
  /** Shortcodes met in the body, by name, for the report. */
  shortcodes: Record<string, number>;
  seoTitle: string;
  seoDescription: string;
}

/** Something of the export that is not imported, and why (an attachment, a menu item, a revision). */
export interface ImportSkip {
  kind: 'skip';
  sourceId: string;
  title: string;
  reason: string;
}

/** An item the reader could not read: reported, the rest goes on. */
export interface ImportProblem {
  kind: 'problem';
  sourceId: string;
  title: string;
  message: string;
}

export type ImportItem = ImportArticle | ImportSkip | ImportProblem;

/** What a reader says about the export as a whole. */
export interface ImportSource {
  /** "wordpress", "ghost", "substack". */
  platform: string;
  /** The old site's address when the export names it ("https://old.example"). */
  siteUrl: string | null;
  items: AsyncIterable<ImportItem>;
  /** Items the export holds, when known in advance (for the progress bar). */
  total: number | null;
}

/** The report printed and saved at the end. */
export interface ImportReport {
  platform: string;
  source: string;
  file: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  articles: { imported: number; updated: number; unchanged: number; failed: number };
  authors: { imported: number; matched: number };
  tags: { imported: number; matched: number };
  media: { imported: number; reused: number; missing: number };
  redirects: number;
  comments: { counted: number; note: string };
  /** HTML removed from bodies, by kind (script, iframe, tracker…), over the whole import. */
  htmlRemoved: Record<string, number>;
  shortcodes: Record<string, number>;
  skipped: Array<{ id: string; title: string; reason: string }>;
  errors: Array<{ id: string; title: string; message: string }>;
  slugsChanged: Array<{ id: string; from: string; to: string }>;
  /** Articles whose status followed the source's on this run (taken down, published, rescheduled). */
  statusChanged: Array<{ id: string; title: string; from: string; to: string }>;
  imagesMissing: Array<{ url: string; article: string; reason: string }>;
  notes: string[];
  /** Set when the file could not be read to its end: what was read before stays imported. */
  fatal: string | null;
}
