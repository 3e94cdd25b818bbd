// Issues and their items in the database, and the articles an issue can carry.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { NewsletterIssuesTable } from '../../db/schema.ts';
import { visibleToReaders } from '../articles/index.ts';
import type { Candidate } from './assemble-issue.ts';

export type IssueRow = NewsletterIssuesTable;

export interface IssueArticle {
  id: string;
  slug: string;
  language: string;
  title: string;
  standfirst: string;
  /** JSON document tree. */
  body: string;
  publishedAt: string | null;
  heroMediaId: string | null;
}

export function createIssueStore(db: Db) {
  const k = db.kysely;
  return {
    async get(id: string): Promise<IssueRow | undefined> {
      return k.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async bySlugOrNumber(listId: string | null, key: string): Promise<IssueRow | undefined> {
      return k
        .selectFrom('newsletter_issues')
        .selectAll()
        .where((eb) =>
          /^\d{1,9}$/.test(key) && listId
            ? eb.and([eb('newsletter_id', '=', listId), eb('number', '=', Number(key))])
            : eb('slug', '=', key),
        )
        .executeTakeFirst();
    },
    /** The list's draft (the issue being prepared), if any. */
    async draftOf(listId: string): Promise<IssueRow | undefined> {
      return k
        .selectFrom('newsletter_issues')
        .selectAll()
        .where('newsletter_id', '=', listId)
        .where('status', '=', 'draft')
        .orderBy('number', 'desc')
        .executeTakeFirst();
    },
    /** The latest issue that went out (or is going out). */
    async lastSent(listId: string): Promise<IssueRow | undefined> {
      return k
        .selectFrom('newsletter_issues')
        .selectAll()
        .where('newsletter_id', '=', listId)
        .where('status', '<>', 'draft')
        .orderBy('number', 'desc')
        .executeTakeFirst();
    },
    async listSent(options: { limit: number; offset?: number; listIds?: string[] }): Promise<IssueRow[]> {
      return k
        .selectFrom('newsletter_issues')
        .selectAll()
        .where('status', '=', 'sent')
        .$if(options.listIds !== undefined, (q) => q.where('newsletter_id', 'in', options.listIds!))
        .orderBy('sent_at', 'desc')
        .orderBy('id')
        .limit(options.limit)
        .offset(options.offset ?? 0)
        .execute();
    },
    async countSent(): Promise<number> {
      const row = await k
        .selectFrom('newsletter_issues')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'sent')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async list(listId?: string): Promise<IssueRow[]> {
      return k
        .selectFrom('newsletter_issues')
        .selectAll()
        .$if(listId !== undefined, (q) => q.where('newsletter_id', '=', listId!))
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
    },
    async create(input: {
      listId: string;
      listSlug: string;
      kind: 'digest' | 'breaking';
      subject: string;
      language: string | null;
      since: string;
      scheduledFor: string | null;
      items: string[];
      now: Date;
    }): Promise<IssueRow> {
      return k.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('newsletter_issues')
          .select((eb) => eb.fn.max('number').as('n'))
          .where('newsletter_id', '=', input.listId)
          .executeTakeFirst();
        const number = Number(last?.n ?? 0) + 1;
        const at = input.now.toISOString();
        const row: IssueRow = {
          id: randomUUID(),
          newsletter_id: input.listId,
          number,
          slug: `${input.listSlug}-${number}`,
          kind: input.kind,
          status: 'draft',
          subject: input.subject,
          intro: '',
          language: input.language,
          since: input.since,
          scheduled_for: input.scheduledFor,
          created_at: at,
          updated_at: at,
          edited_by: null,
          sent_at: null,
        };
        await trx.insertInto('newsletter_issues').values(row).execute();
        if (input.items.length > 0) {
          await trx
            .insertInto('newsletter_issue_items')
            .values(input.items.map((article_id, position) => ({ issue_id: row.id, article_id, position })))
            .execute();
        }
        return row;
      });
    },
    async items(issueId: string): Promise<string[]> {
      const rows = await k
        .selectFrom('newsletter_issue_items')
        .select('article_id')
        .where('issue_id', '=', issueId)
        .orderBy('position')
        .execute();
      return rows.map((r) => r.article_id);
    },
    /** Replaces a draft's fields and items; false when it is no longer a draft. */
    async update(
      issueId: string,
      change: { subject?: string; intro?: string; items?: string[]; editedBy: string | null; now: Date },
    ): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('newsletter_issues')
          .set({
            ...(change.subject !== undefined ? { subject: change.subject } : {}),
            ...(change.intro !== undefined ? { intro: change.intro } : {}),
            edited_by: change.editedBy,
            updated_at: change.now.toISOString(),
          })
          .where('id', '=', issueId)
          .where('status', '=', 'draft')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        if (change.items) {
          await trx.deleteFrom('newsletter_issue_items').where('issue_id', '=', issueId).execute();
          if (change.items.length > 0) {
            await trx
              .insertInto('newsletter_issue_items')
              .values(
                change.items.map((article_id, position) => ({ issue_id: issueId, article_id, position })),
              )
              .execute();
          }
        }
        return true;
      });
    },
    /** An empty digest that was due: it starts collecting again from now. */
    async restart(issueId: string, now: Date): Promise<void> {
      await k
        .updateTable('newsletter_issues')
        .set({ created_at: now.toISOString(), updated_at: now.toISOString() })
        .where('id', '=', issueId)
        .where('status', '=', 'draft')
        .execute();
    },
    async setStatus(issueId: string, status: 'sending' | 'sent', now: Date): Promise<void> {
      await k
        .updateTable('newsletter_issues')
        .set({
          status,
          updated_at: now.toISOString(),
          ...(status === 'sent' ? { sent_at: now.toISOString() } : {}),
        })
        .where('id', '=', issueId)
        .execute();
    },
    /** Articles published in (since, until] in `language`, with their first section. */
    async candidates(since: string, until: Date, language: string): Promise<Candidate[]> {
      const rows = await k
        .selectFrom('articles as a')
        .leftJoin(
          (eb) =>
            eb
              .selectFrom('article_tags as at')
              .innerJoin('tags as t', 't.id', 'at.tag_id')
              .where('t.is_section', '=', 1)
              .select(['at.article_id', 't.id as section_id', 't.nav_order', 'at.position'])
              .as('s'),
          (join) => join.onRef('s.article_id', '=', 'a.id'),
        )
        .select(['a.id', 'a.published_at', 's.section_id', 's.nav_order', 's.position'])
        .where(visibleToReaders('a', until))
        .where('a.language', '=', language)
        .where('a.published_at', '>', since)
        .orderBy('a.published_at', 'desc')
        .limit(500)
        .execute();
      const out = new Map<string, Candidate & { position: number }>();
      for (const r of rows) {
        const seen = out.get(r.id);
        const position = r.position ?? Infinity;
        if (seen && seen.position <= position) continue;
        out.set(r.id, {
          id: r.id,
          publishedAt: r.published_at ?? '',
          sectionId: r.section_id ?? null,
          sectionOrder: r.nav_order ?? null,
          position,
        });
      }
      return [...out.values()].map(({ position: _p, ...c }) => c);
    },
    async articles(ids: string[], now: Date): Promise<IssueArticle[]> {
      if (ids.length === 0) return [];
      const rows = await k
        .selectFrom('articles as a')
        .select([
          'a.id',
          'a.slug',
          'a.language',
          'a.title',
          'a.standfirst',
          'a.body',
          'a.published_at',
          'a.hero_media_id',
        ])
        .where('a.id', 'in', ids)
        .where(visibleToReaders('a', now))
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        return r
          ? [
              {
                id: r.id,
                slug: r.slug,
                language: r.language,
                title: r.title,
                standfirst: r.standfirst,
                body: r.body,
                publishedAt: r.published_at,
                heroMediaId: r.hero_media_id,
              },
            ]
          : [];
      });
    },
  };
}

export type IssueStore = ReturnType<typeof createIssueStore>;
