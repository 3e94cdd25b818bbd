import type { ImportReport } from './import.types.ts';

export function emptyReport(
  platform: string,
  source: string,
  file: string,
  dryRun: boolean,
  at: Date,
): ImportReport {
  return {
    platform,
    source,
    file,
    dryRun,
    startedAt: at.toISOString(),
    finishedAt: at.toISOString(),
    articles: { imported: 0, updated: 0, unchanged: 0, failed: 0 },
    authors: { imported: 0, matched: 0 },
    tags: { imported: 0, matched: 0 },
    media: { imported: 0, reused: 0, missing: 0 },
    redirects: 0,
    comments: { counted: 0, note: 'Comments are not imported: Samizdat has none. They are counted here.' },
    htmlRemoved: {},
    shortcodes: {},
    skipped: [],
    errors: [],
    slugsChanged: [],
    statusChanged: [],
    imagesMissing: [],
    notes: [],
    fatal: null,
  };
}

export function addCounts(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [k, v] of Object.entries(counts)) into[k] = (into[k] ?? 0) + v;
}

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/** The report as the terminal shows it: counts first, then the first few of each list. */
export function formatReport(r: ImportReport, reportFile: string | null): string {
  const verb = r.dryRun ? 'would be ' : '';
  const lines = [
    `${r.dryRun ? 'Dry run (nothing was changed): ' : ''}${r.platform} import of ${r.file}`,
    `  articles: ${r.articles.imported} ${verb}imported, ${r.articles.updated} ${verb}updated, ${r.articles.unchanged} unchanged, ${r.articles.failed} failed`,
    `  skipped: ${r.skipped.length}; authors: ${r.authors.imported} new, ${r.authors.matched} matched; tags and sections: ${r.tags.imported} new, ${r.tags.matched} matched`,
    `  images: ${r.media.imported} imported, ${r.media.reused} reused, ${r.media.missing} missing`,
    `  redirects: ${r.redirects}; comments counted and skipped: ${r.comments.counted}`,
    `  HTML removed: ${list(r.htmlRemoved)}`,
    `  shortcodes: ${list(r.shortcodes)}`,
  ];
  if (r.slugsChanged.length) lines.push(`  slugs changed (taken): ${r.slugsChanged.length}`);
  if (r.statusChanged.length)
    lines.push(`  status ${verb}changed as at the source: ${r.statusChanged.length} (see the report file)`);
  const some = <T>(title: string, items: T[], show: (t: T) => string) => {
    if (items.length === 0) return;
    lines.push(`  ${title}:`);
    for (const item of items.slice(0, 10)) lines.push(`    ${show(item)}`);
    if (items.length > 10) lines.push(`    … and ${items.length - 10} more (see the report file)`);
  };
  some('errors', r.errors, (e) => `${e.id} ${JSON.stringify(e.title)}: ${e.message}`);
  some('images missing', r.imagesMissing, (m) => `${m.url} (${m.article}): ${m.reason}`);
  some('skipped', r.skipped, (s) => `${s.id} ${JSON.stringify(s.title)}: ${s.reason}`);
  for (const note of r.notes) lines.push(`  note: ${note}`);
  if (r.fatal) lines.push(`  stopped early: ${r.fatal}`);
  if (reportFile) lines.push(`  report: ${reportFile}`);
  return lines.join('\n');
}
