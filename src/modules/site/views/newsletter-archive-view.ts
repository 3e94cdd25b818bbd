import { formatDate, translate } from '../../../i18n/index.ts';
import type { ArchivedIssue, ArchivedIssueSummary } from '../newsletter-archive.ts';
import { newsletterArchivePaths } from '../newsletter-archive.ts';
import { paths } from '../urls.ts';
import { pageMeta } from './page-meta.ts';

const when = (iso: string | null, lang: string, timeZone: string) =>
  iso ? formatDate(iso, lang, timeZone) : '';

/** `/newsletter/archive/`: the issues that went out, newest first. */
export function newsletterArchiveIndexView(input: {
  lang: string;
  prefix: string;
  site: { url: string; name: string };
  timeZone: string;
  items: ArchivedIssueSummary[];
  page: number;
  pages: number;
}) {
  const { lang, prefix } = input;
  const base = newsletterArchivePaths.index(prefix);
  const urlOf = (n: number) => (n <= 1 ? base : `${base}?page=${n}`);
  const heading = translate(lang, 'newsletter_archive.title');
  return {
    page: pageMeta({
      kind: 'listing',
      lang,
      siteUrl: input.site.url,
      siteName: input.site.name,
      title: heading,
      description: translate(lang, 'newsletter_archive.intro'),
      canonical: urlOf(input.page),
    }),
    newsletterArchive: {
      heading,
      intro: translate(lang, 'newsletter_archive.intro'),
      issues: input.items.map((i) => ({
        url: newsletterArchivePaths.issue(i.slug, prefix),
        subject: i.subject,
        listName: i.listName,
        date: when(i.sentAt, lang, input.timeZone),
        datetime: i.sentAt ?? '',
      })),
      newer: input.page > 1 ? urlOf(input.page - 1) : null,
      older: input.page < input.pages ? urlOf(input.page + 1) : null,
    },
  };
}

/** One issue as a web page: its introduction, then each article's title, standfirst and link. */
export function newsletterIssueView(input: {
  lang: string;
  prefix: string;
  site: { url: string; name: string };
  timeZone: string;
  issue: ArchivedIssue;
}) {
  const { lang, issue } = input;
  return {
    page: pageMeta({
      kind: 'listing',
      lang,
      siteUrl: input.site.url,
      siteName: input.site.name,
      title: issue.subject,
      description: issue.intro || issue.articles.map((a) => a.title).join('; '),
      canonical: newsletterArchivePaths.issue(issue.slug, input.prefix),
    }),
    newsletterIssue: {
      subject: issue.subject,
      kicker: `${issue.listName} · ${translate(lang, 'newsletter_archive.number', { number: issue.number })}`,
      date: when(issue.sentAt, lang, input.timeZone),
      datetime: issue.sentAt ?? '',
      intro: issue.intro
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      articles: issue.articles.map((a) => ({
        title: a.title,
        standfirst: a.standfirst,
        url: paths.article(a.slug),
      })),
      archiveUrl: newsletterArchivePaths.index(input.prefix),
    },
  };
}
