import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Services } from '../../container.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ImportReport, ImportSource } from '../../modules/import/index.ts';
import { CliError, type Command } from '../command.ts';
import { boot } from '../boot.ts';
import { createProgressBar } from '../progress.ts';

const PLATFORMS = ['wordpress', 'ghost', 'substack'] as const;
type Platform = (typeof PLATFORMS)[number];

const usage = `Usage: samizdat import <wordpress|ghost|substack> FILE [options]

Brings a newsroom's archive in: articles, pages, authors, categories (as sections), tags, photos
with their captions, credits and alt text, dates and languages. Every old address answers a 301
to the new one. Run it again at any time: unchanged items are skipped, changed ones updated.

  samizdat import wordpress export.xml     WordPress: Tools → Export (WXR)
  samizdat import ghost export.json        Ghost: Settings → Labs → Export (v4–v6)
  samizdat import substack DIR_OR_ZIP      Substack: Settings → Export (posts.csv + posts/)

Options:
  --dry-run           read everything and report what would happen; change nothing
  --media-dir DIR     a copy of the old site's uploads (wp-content/uploads, content/images):
                      images are read there first, downloaded only when missing
  --no-download       never download images from the old site
  --report FILE       where the JSON report goes (default: beside the export, .import-report.json)
  --time-zone ZONE    for dates written without a zone (default: the site's time zone)
  --site-url URL      the old site's address, for Ghost and Substack exports (which do not
                      say it): relative and __GHOST_URL__ images are fetched from there`;

export interface ImportCommandOptions {
  platform: Platform;
  path: string;
  dryRun?: boolean;
  mediaDir?: string | null;
  download?: boolean;
  reportFile?: string | null;
  timeZone?: string;
  /** The old site's address (Ghost and Substack exports do not say it): for images and the source's name. */
  siteUrl?: string | null;
  /** Told after each item, besides the progress bar (the benchmark samples memory with it). */
  onProgress?: (done: number, total: number | null) => void;
  /** Items written per transaction (default 100; the kill test uses fewer, so it kills mid-run). */
  batchSize?: number;
}

async function openSource(o: ImportCommandOptions, timeZone: string): Promise<ImportSource> {
  const modules = await import('../../modules/import/index.ts');
  if (o.platform === 'wordpress') return modules.readWordPress(o.path, { timeZone });
  if (o.platform === 'ghost') return modules.readGhost(o.path, { timeZone, siteUrl: o.siteUrl ?? null });
  return modules.readSubstack(o.path, { timeZone, siteUrl: o.siteUrl ?? null });
}

/** The import as the command runs it, on given services (the tests call this). */
export async function importArchive(
  services: Services,
  o: ImportCommandOptions,
  out: NodeJS.WriteStream = process.stdout,
): Promise<{ report: ImportReport; reportFile: string }> {
  const path = resolve(o.path);
  if (!existsSync(path)) throw new CliError(`${o.path} does not exist`);
  if (o.mediaDir && !statSync(o.mediaDir).isDirectory())
    throw new CliError(`--media-dir ${o.mediaDir} is not a folder`);
  const timeZone = o.timeZone ?? services.settings.get().time_zone;
  const { runImport, formatReport } = await import('../../modules/import/index.ts');
  const { paths } = await import('../../modules/site/index.ts');
  let source: ImportSource;
  try {
    source = await openSource({ ...o, path }, timeZone);
  } catch (err) {
    if (err instanceof DomainError) throw new CliError(`${basename(path)}: ${err.message}`);
    throw err;
  }
  const bar = createProgressBar(o.dryRun ? 'reading' : 'importing', out);
  const report = await runImport(
    {
      db: services.db,
      articles: services.articles,
      authors: services.authors,
      tags: services.tags,
      media: services.media,
      redirects: services.redirects,
      lookupMedia: services.lookupMedia,
      articlePath: paths.article,
    },
    source,
    {
      file: path,
      dryRun: o.dryRun === true,
      mediaDir: o.mediaDir ? resolve(o.mediaDir) : null,
      download: o.download !== false,
      defaultLanguage: services.config.DEFAULT_LANGUAGE,
      ...(o.batchSize ? { batchSize: o.batchSize } : {}),
      onProgress: (done, total) => {
        bar.update(done, total);
        o.onProgress?.(done, total);
      },
    },
  );
  bar.finish();
  const reportFile = resolve(o.reportFile ?? join(dirname(path), `${basename(path)}.import-report.json`));
  await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  out.write(`${formatReport(report, reportFile)}\n`);
  return { report, reportFile };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import an archive from WordPress, Ghost or Substack, with redirects from the old addresses',
  usage,
  options: {
    'dry-run': { type: 'boolean' },
    'media-dir': { type: 'string' },
    'no-download': { type: 'boolean' },
    report: { type: 'string' },
    'time-zone': { type: 'string' },
    'site-url': { type: 'string' },
  },
  async run({ values, positionals }) {
    const [platform, path, ...extra] = positionals;
    if (!platform || !PLATFORMS.includes(platform as Platform) || !path || extra.length > 0) {
      throw new CliError(usage, 2);
    }
    const services = await boot();
    try {
      const { report } = await importArchive(services, {
        platform: platform as Platform,
        path,
        dryRun: values['dry-run'] === true,
        mediaDir: (values['media-dir'] as string | undefined) ?? null,
        download: values['no-download'] !== true,
        reportFile: (values.report as string | undefined) ?? null,
        ...(values['time-zone'] ? { timeZone: values['time-zone'] as string } : {}),
        siteUrl: (values['site-url'] as string | undefined) ?? null,
      });
      return report.fatal || report.errors.length > 0 ? 1 : 0;
    } finally {
      await services.close();
    }
  },
};
