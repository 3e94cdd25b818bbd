import type { Transaction } from 'kysely';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { Db } from '../../db/connect.ts';
import type { Database, FrontPageTable } from '../../db/schema.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { systemClock, type Clock } from '../../lib/time.ts';
import { hydrate, isVisibleToReaders, visibleToReaders, type Article } from '../articles/index.ts';
import { actorRef, can, type Actor } from '../staff/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { BREAKING_EXPIRED_TASK, BREAKING_EXPIRY_JOB_KEY } from './front-page-jobs.ts';
import type { BreakingNews, FrontPage, FrontPageInput } from './front-page.types.ts';

const ROW_ID = 1;

export interface FrontPageDeps {
  db: Db;
  /** Enqueues the strip's expiry in the transaction that saves it. */
  jobs: Pick<JobQueue, 'enqueue' | 'cancel'>;
  /** After a change commits: drop the cached pages that show the front page (the composition root wires it). */
  onChange: () => void;
  now?: Clock;
  /** Told of every change, inside its transaction. */
  audit?: AuditRecorder;
}

/** What the home page shows of the editors' choices, as readers may see it now. */
export interface FrontPageForReaders {
  lead: Article | null;
  featured: Article[];
  breaking: { text: string; url: string | null; article: Article | null; expiresAt: Date } | null;
}

export interface FrontPageStore {
  get(): Promise<FrontPage>;
  /** Replace the whole front page. Editors and above; every pin must be visible to readers. */
  set(actor: Actor, input: FrontPageInput): Promise<FrontPage>;
  /** Pins that readers may see now, in order; the rest is skipped so the home page falls back. */
  forReaders(): Promise<FrontPageForReaders>;
}

/**
 * Choosing the front page puts other people's stories first: an editor's act, so it takes the
 * permission to act on others' articles (editors, admins, owners), not just to publish one's own.
 */
function assertMayChooseFrontPage(actor: Actor): void {
  if (!can(actor.role, 'articles.others')) {
    throw new ForbiddenError('only editors, admins and owners choose the front page');
  }
}

export function createFrontPage(deps: FrontPageDeps): FrontPageStore {
  const { db, jobs, onChange } = deps;
  const now = deps.now ?? systemClock;

  const readRow = () =>
    db.kysely.selectFrom('front_page').selectAll().where('id', '=', ROW_ID).executeTakeFirst();

  function present(row: FrontPageTable | undefined, at: Date): FrontPage {
    if (!row) return { lead: null, featured: [], breaking: null, updated_at: null, updated_by: null };
    return {
      lead: row.lead_id,
      featured: JSON.parse(row.featured_ids) as string[],
      breaking: liveBreaking(row, at),
      updated_at: row.updated_at,
      updated_by: row.updated_by,
    };
  }

  /** Refuses a pin readers could not follow: unknown (404) or not published now (400). */
  async function assertPinnable(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    const rows = await db.kysely
      .selectFrom('articles')
      .select(['id', 'status', 'published_at'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) throw new NotFoundError('article', id);
      if (!isVisibleToReaders(row, at)) {
        throw new ValidationError(`article "${id}" is not published; only published stories can be pinned`, {
          article: id,
          status: row.status,
        });
      }
    }
  }

  async function keepExpiry(trx: Transaction<Database>, expiresAt: string | null): Promise<void> {
    if (expiresAt) {
      await jobs.enqueue(
        BREAKING_EXPIRED_TASK,
        {},
        { trx, key: BREAKING_EXPIRY_JOB_KEY, runAt: new Date(expiresAt) },
      );
    } else {
      await jobs.cancel(BREAKING_EXPIRY_JOB_KEY, { trx });
    }
  }

  return {
    async get() {
      return present(await readRow(), now());
    },

    async set(actor, input) {
      assertMayChooseFrontPage(actor);
      const at = now();
      const breaking = input.breaking ?? null;
      const expiresAt = breaking ? new Date(breaking.expires_at) : null;
      if (expiresAt && expiresAt.getTime() <= at.getTime()) {
        throw new ValidationError('the breaking strip must expire in the future', {
          expires_at: breaking?.expires_at,
        });
      }
      await assertPinnable(
        [
          ...(input.lead ? [input.lead] : []),
          ...input.featured,
          ...(breaking?.article_id ? [breaking.article_id] : []),
        ],
        at,
      );
      const row: FrontPageTable = {
        id: ROW_ID,
        lead_id: input.lead,
        featured_ids: JSON.stringify(input.featured),
        breaking_text: breaking?.text ?? null,
        breaking_url: breaking?.url ?? null,
        breaking_article_id: breaking?.article_id ?? null,
        breaking_expires_at: expiresAt ? expiresAt.toISOString() : null,
        updated_at: at.toISOString(),
        updated_by: actorRef(actor),
      };
      await db.kysely.transaction().execute(async (trx) => {
        const { id: _id, ...fields } = row;
        await trx
          .insertInto('front_page')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(fields))
          .execute();
        await keepExpiry(trx, row.breaking_expires_at);
        await deps.audit?.record(
          {
            actor,
            action: 'front_page.update',
            objectType: 'front_page',
            objectId: null,
            summary:
              `lead ${input.lead ? 'pinned' : 'newest'}, ${input.featured.length} featured, ` +
              `breaking strip ${breaking ? 'on' : 'off'}`,
          },
          { trx },
        );
      });
      onChange();
      return present(row, at);
    },

    async forReaders() {
      const at = now();
      const row = await readRow();
      if (!row) return { lead: null, featured: [], breaking: null };
      const featuredIds = JSON.parse(row.featured_ids) as string[];
      const breaking = liveBreaking(row, at);
      const ids = [row.lead_id, ...featuredIds, breaking?.article_id].filter((id): id is string => !!id);
      const rows =
        ids.length === 0
          ? []
          : await db.kysely
              .selectFrom('articles')
              .selectAll()
              .where('id', 'in', ids)
              .where(visibleToReaders('articles', at))
              .execute();
      const visible = new Map((await hydrate(db.kysely, rows)).map((a) => [a.id, a]));
      return {
        lead: (row.lead_id && visible.get(row.lead_id)) || null,
        featured: featuredIds.flatMap((id) => visible.get(id) ?? []),
        breaking: breaking && {
          text: breaking.text,
          url: breaking.url,
          article: (breaking.article_id && visible.get(breaking.article_id)) || null,
          expiresAt: new Date(breaking.expires_at),
        },
      };
    },
  };
}

/** The strip while it lasts; null once `expires_at` has passed, whoever asks and whenever. */
function liveBreaking(row: FrontPageTable, at: Date): BreakingNews | null {
  if (!row.breaking_text || !row.breaking_expires_at) return null;
  if (Date.parse(row.breaking_expires_at) <= at.getTime()) return null;
  return {
    text: row.breaking_text,
    url: row.breaking_url,
    article_id: row.breaking_article_id,
    expires_at: row.breaking_expires_at,
  };
}
