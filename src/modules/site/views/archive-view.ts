import { formatMonth, translate } from '../../../i18n/index.ts';
import { paths as defaultPaths, type SitePaths } from '../urls.ts';
import { pageMeta } from './page-meta.ts';
import type { PageMeta } from './view-types.ts';

export interface MonthCount {
  year: number;
  month: number;
  count: number;
}

export interface ArchiveIndexView {
  page: PageMeta;
  archive: {
    heading: string;
    intro: string;
    years: Array<{
      year: number;
      url: string;
      months: Array<{ name: string; url: string; count: number; countText: string }>;
    }>;
  };
}

/** `/archive` (every month) or `/archive/YYYY` (one year's months), newest first. */
export function archiveIndexView(input: {
  lang: string;
  site: { url: string; name: string };
  months: MonthCount[];
  year: number | null;
  paths?: SitePaths;
}): ArchiveIndexView {
  const { lang } = input;
  const paths = input.paths ?? defaultPaths;
  const months = input.months
    .filter((m) => input.year === null || m.year === input.year)
    .sort((a, b) => b.year - a.year || b.month - a.month);
  const years = [...new Set(months.map((m) => m.year))].map((year) => ({
    year,
    url: paths.archive(year),
    months: months
      .filter((m) => m.year === year)
      .map((m) => ({
        name: formatMonth(m.year, m.month, lang),
        url: paths.archive(m.year, m.month),
        count: m.count,
        countText: translate(lang, 'archive.count', { count: m.count }),
      })),
  }));
  const heading =
    input.year === null
      ? translate(lang, 'archive.title')
      : translate(lang, 'archive.year', { year: input.year });
  return {
    page: pageMeta({
      kind: 'archive',
      lang,
      siteUrl: input.site.url,
      siteName: input.site.name,
      title: heading,
      description: translate(lang, 'archive.intro'),
      canonical: input.year === null ? paths.archive() : paths.archive(input.year),
    }),
    archive: { heading, intro: translate(lang, 'archive.intro'), years },
  };
}
