// The newsletter web archive as the site sees it: issues that went out, read through a seam the
// composition root fills from the newsletters module (the site does not reach into it).

export interface ArchivedIssueSummary {
  slug: string;
  number: number;
  subject: string;
  listName: string;
  /** ISO time it went out (or started to: a reader may open "view in browser" mid-send). */
  sentAt: string | null;
}

export interface ArchivedIssue extends ArchivedIssueSummary {
  intro: string;
  language: string | null;
  articles: Array<{ id: string; slug: string; title: string; standfirst: string }>;
}

export interface NewsletterArchive {
  /** Issues that went out, newest first. */
  sent(limit: number, offset: number): Promise<{ items: ArchivedIssueSummary[]; total: number }>;
  /** One issue that went out (or is going out), by slug, or by number in the default list. */
  issue(key: string): Promise<ArchivedIssue | undefined>;
}

/** Where the archive lives: the emails' "view in browser" links point here too. */
export const newsletterArchivePaths = {
  index: (prefix = '') => `${prefix}/newsletter/archive/`,
  latest: (prefix = '') => `${prefix}/newsletter/archive/latest`,
  issue: (slug: string, prefix = '') => `${prefix}/newsletter/archive/${encodeURIComponent(slug)}`,
};
