import type { Services } from '../container.ts';
import type { ArchivedIssue, NewsletterArchive } from '../modules/site/index.ts';

/** The site's newsletter archive, read from the newsletters module (issues that went out). */
export function newsletterArchive(services: Services): NewsletterArchive {
  const { newsletters } = services;
  const listNames = async () => new Map((await newsletters.lists()).map((l) => [l.id, l] as const));
  return {
    async sent(limit, offset) {
      const [rows, total, lists] = await Promise.all([
        newsletters.sentIssues(limit, offset),
        newsletters.countSent(),
        listNames(),
      ]);
      return {
        total,
        items: rows.map((r) => ({
          slug: r.slug,
          number: r.number,
          subject: r.subject,
          listName: lists.get(r.newsletter_id)?.name ?? '',
          sentAt: r.sent_at,
        })),
      };
    },
    async issue(key): Promise<ArchivedIssue | undefined> {
      const lists = await listNames();
      let row = await newsletters.issueBySlugOrNumber(key);
      if (!row && /^\d{1,9}$/.test(key)) {
        // A bare number: that issue of the default list.
        const main = [...lists.values()].find((l) => l.isDefault);
        if (main) row = await newsletters.issueBySlugOrNumber(key, main.id);
      }
      // Drafts are not public; an issue being sent is (its emails link here already).
      if (!row || row.status === 'draft') return undefined;
      const articles = await newsletters.articlesOf(row.id);
      return {
        slug: row.slug,
        number: row.number,
        subject: row.subject,
        listName: lists.get(row.newsletter_id)?.name ?? '',
        sentAt: row.sent_at,
        intro: row.intro,
        language: row.language,
        articles: articles.map((a) => ({ id: a.id, slug: a.slug, title: a.title, standfirst: a.standfirst })),
      };
    },
  };
}
