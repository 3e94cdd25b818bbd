import { sql, type Kysely, type Transaction } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connect.ts';
import type { Database, RedirectsTable } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { toCount } from '../../lib/count.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import { assertAllowed, canManageRedirects } from './redirect-permissions.ts';
import type { Actor } from '../staff/index.ts';
import { isRedirectTarget, lookupKeys, redirectKey } from './redirect-path.ts';
import {
  redirectListQuerySchema,
  redirectPutSchema,
  type ArticleRedirect,
  type Redirect,
  type RedirectListQuery,
  type RedirectPut,
} from './redirect.types.ts';

type Q = Kysely<Database> | Transaction<Database>;

interface Row extends RedirectsTable {
  article_slug: string | null;
}

/**
 * Old addresses answering 301: kept by importers for every article they bring in, and by
 * editors by hand. A lookup is one primary-key read (two when the request carries a query),
 * joined to the article it names so a later change of slug is followed.
 */
export function createRedirects(deps: {
  db: Db;
  /** Our address of an article, from its slug. */
  articlePath: (slug: string) => string;
  now?: Clock;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;

  const select = (db: Q) =>
    db
      .selectFrom('redirects')
      .leftJoin('articles', 'articles.id', 'redirects.article_id')
      .selectAll('redirects')
      .select('articles.slug as article_slug');

  const toRedirect = (row: Row): Redirect => ({
    path: row.path,
    location: row.article_slug !== null ? deps.articlePath(row.article_slug) : row.target,
    target: row.target,
    articleId: row.article_id,
    status: row.status,
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  async function get(path: string): Promise<Redirect> {
    const row = await select(kysely).where('redirects.path', '=', path).executeTakeFirst();
    if (!row) throw new NotFoundError('redirect', path);
    return toRedirect(row);
  }

  return {
    /** Where an old address goes now, or undefined: for the public site, before its 404. */
    async find(requestUrl: string): Promise<{ location: string; status: number } | undefined> {
      const keys = lookupKeys(requestUrl);
      if (keys.length === 0) return undefined;
      const rows = await select(kysely).where('redirects.path', 'in', keys).execute();
      const row = keys.map((k) => rows.find((r) => r.path === k)).find((r) => r !== undefined);
      if (!row) return undefined;
      const { location, status } = toRedirect(row);
      return { location, status };
    },

    /**
     * An importer's old addresses of articles, written in the articles' own transaction.
     * An address already kept for something else (another article, an editor's redirect) stays
     * as it is: the first claim wins, and a re-import refreshes only its own. Returns how many
     * addresses each article was given (by article id).
     */
    async keepForArticles(trx: Q, entries: ArticleRedirect[]): Promise<Map<string, number>> {
      const at = iso(now());
      const rows = new Map<string, RedirectsTable>();
      for (const e of entries) {
        const path = redirectKey(e.from);
        // Within one call too, the first claim wins.
        if (path === null || path === '/' || path === e.target || rows.has(path)) continue;
        rows.set(path, {
          path,
          target: e.target,
          article_id: e.articleId,
          status: 301,
          origin: e.origin,
          created_at: at,
          updated_at: at,
        });
      }
      const kept = new Map<string, number>();
      for (const row of rows.values()) kept.set(row.article_id!, (kept.get(row.article_id!) ?? 0) + 1);
      if (rows.size === 0) return kept;
      // One statement for all of them (an import keeps four or five addresses for each article,
      // and writes a batch of articles at a time).
      await trx
        .insertInto('redirects')
        .values([...rows.values()])
        .onConflict((oc) =>
          oc
            .column('path')
            .doUpdateSet((eb) => ({ target: eb.ref('excluded.target'), updated_at: at }))
            .whereRef('redirects.article_id', '=', 'excluded.article_id'),
        )
        .executeTakeFirst();
      return kept;
    },

    async list(actor: Actor, input: RedirectListQuery = {}) {
      assertAllowed(canManageRedirects(actor));
      const query = redirectListQuerySchema.parse(input);
      let base = kysely.selectFrom('redirects');
      if (query.q) {
        const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        base = base.where((eb) =>
          eb.or([
            sql<boolean>`lower(redirects.path) like lower(${like}) escape '\\'`,
            sql<boolean>`lower(redirects.target) like lower(${like}) escape '\\'`,
          ]),
        );
      }
      const [{ n } = { n: 0 }] = await base.select((eb) => eb.fn.countAll().as('n')).execute();
      const rows = await base
        .leftJoin('articles', 'articles.id', 'redirects.article_id')
        .selectAll('redirects')
        .select('articles.slug as article_slug')
        .orderBy('redirects.path')
        .limit(query.limit)
        .offset((query.page - 1) * query.limit)
        .execute();
      return { items: rows.map(toRedirect), total: toCount(n), page: query.page, limit: query.limit };
    },

    get: async (actor: Actor, path: string) => {
      assertAllowed(canManageRedirects(actor));
      return get(redirectKey(path) ?? path);
    },

    /** Add or replace the redirect of one old address. */
    async put(actor: Actor, input: RedirectPut): Promise<Redirect> {
      assertAllowed(canManageRedirects(actor));
      const data = redirectPutSchema.parse(input);
      const path = redirectKey(data.path);
      if (path === null)
        throw new ValidationError('path: must be a path or an http(s) address', { field: 'path' });
      if (path === '/' || path.startsWith('/api/') || path === '/api' || path.startsWith('/admin')) {
        throw new ValidationError('path: this address belongs to the site itself', { field: 'path' });
      }
      if (!isRedirectTarget(data.target)) {
        throw new ValidationError('target: must be a path here ("/articles/…") or an http(s) URL', {
          field: 'target',
        });
      }
      if (redirectKey(data.target) === path) {
        throw new ValidationError('target: a redirect to itself would loop', { field: 'target' });
      }
      const at = iso(now());
      await kysely
        .insertInto('redirects')
        .values({
          path,
          target: data.target,
          article_id: null,
          status: data.status ?? 301,
          origin: 'admin',
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.column('path').doUpdateSet({
            target: data.target,
            article_id: null,
            status: data.status ?? 301,
            origin: 'admin',
            updated_at: at,
          }),
        )
        .execute();
      return get(path);
    },

    async delete(actor: Actor, path: string): Promise<void> {
      assertAllowed(canManageRedirects(actor));
      const key = redirectKey(path) ?? path;
      const result = await kysely.deleteFrom('redirects').where('path', '=', key).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError('redirect', key);
    },

    /** Every redirect as CSV (old path, location, status, origin), in pages: any number of rows. */
    async *csv(actor: Actor): AsyncGenerator<string> {
      assertAllowed(canManageRedirects(actor));
      yield stringify([['path', 'location', 'status', 'origin', 'article_id']]);
      let after = '';
      for (;;) {
        const rows = await select(kysely)
          .where('redirects.path', '>', after)
          .orderBy('redirects.path')
          .limit(1000)
          .execute();
        if (rows.length === 0) return;
        yield stringify(
          rows.map((row) => {
            const r = toRedirect(row);
            return [r.path, r.location, r.status, r.origin, r.articleId ?? ''];
          }),
          // A cell a spreadsheet would run as a formula is defused.
          { cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) } },
        );
        after = rows[rows.length - 1]!.path;
      }
    },
  };
}

export type RedirectService = ReturnType<typeof createRedirects>;
