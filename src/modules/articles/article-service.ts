import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { ArticlesTable } from '../../db/schema.ts';
import { ConflictError, NotFoundError, StaleUpdateError, ValidationError } from '../../domain/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { slugify } from '../../lib/slug.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import type { ArticleChange, ArticleChangeRecorder } from './article-changes.ts';
import { resolveBody } from './article-body.ts';
import {
  articleCreateSchema,
  articleListQuerySchema,
  articleUpdateSchema,
  scheduleSchema,
  type Article,
  type ArticlePage,
} from './article.types.ts';
import {
  findArticleRow,
  findArticles,
  hydrate,
  missingIds,
  replaceArticleAuthors,
  replaceArticleTags,
  type ArticleFilter,
} from './article-repository.ts';
import { decidePublication } from './publication-rules.ts';
import { resolveTranslationGroup } from './translation-group.ts';

const EMPTY_BODY = { tree: { type: 'doc', content: [] }, text: '' } as const;

export interface ArticleServiceDeps {
  db: Db;
  changes: ArticleChangeRecorder;
  defaultLanguage: string;
  now?: Clock;
}

export function createArticleService(deps: ArticleServiceDeps) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;

  async function requireRow(id: string): Promise<ArticlesTable> {
    const row = await findArticleRow(kysely, { id });
    if (!row) throw new NotFoundError('article', id);
    return row;
  }

  async function assertReferences(refs: {
    author_ids?: string[];
    tag_ids?: string[];
    hero_media_id?: string | null;
  }) {
    const checks: Array<[string, 'authors' | 'tags' | 'media', string[]]> = [
      ['author_ids', 'authors', refs.author_ids ?? []],
      ['tag_ids', 'tags', refs.tag_ids ?? []],
      ['hero_media_id', 'media', refs.hero_media_id ? [refs.hero_media_id] : []],
    ];
    for (const [field, table, ids] of checks) {
      if (new Set(ids).size !== ids.length)
        throw new ValidationError(`${field}: lists an id twice`, { field });
      const missing = await missingIds(kysely, table, ids);
      if (missing.length)
        throw new ValidationError(`${field}: unknown id ${missing.join(', ')}`, { field, missing });
    }
  }

  async function assertSlugFree(slug: string, exceptId?: string) {
    const existing = await findArticleRow(kysely, { slug });
    if (existing && existing.id !== exceptId) {
      throw new ConflictError(`an article with slug "${slug}" exists`, { slug });
    }
  }

  /** Whether readers can see the article (published, and not dated in the future). */
  function isPublic(row: Pick<ArticlesTable, 'status' | 'published_at'>): boolean {
    return row.status === 'published' && row.published_at !== null && row.published_at <= iso(now());
  }

  async function one(id: string): Promise<Article> {
    const [article] = await hydrate(kysely, [await requireRow(id)]);
    return article!;
  }

  async function changeStatus(
    row: ArticlesTable,
    status: ArticlesTable['status'],
    publishedAt: string | null,
  ): Promise<Article> {
    const change: ArticleChange = {
      kind: 'status',
      articleId: row.id,
      slug: row.slug,
      wasPublic: isPublic(row),
      isPublic: isPublic({ status, published_at: publishedAt }),
    };
    await kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('articles')
        .set({ status, published_at: publishedAt, updated_at: iso(now()), version: row.version + 1 })
        .where('id', '=', row.id)
        .execute();
      await deps.changes.inTransaction(trx, change);
    });
    deps.changes.afterCommit(change);
    return one(row.id);
  }

  return {
    async create(input: unknown): Promise<Article> {
      const data = parseInput(articleCreateSchema, input);
      await assertReferences(data);
      const language = data.language ?? deps.defaultLanguage;
      const body = resolveBody(data) ?? EMPTY_BODY;
      const slug = data.slug ?? (await freeSlugFrom(data.title));
      await assertSlugFree(slug);
      const at = now();
      const publication = decidePublication(data.status, data.published_at, at);
      const id = randomUUID();
      const group = data.translation_of
        ? await resolveTranslationGroup(kysely, data.translation_of, language, id)
        : null;
      const row: ArticlesTable = {
        id,
        slug,
        language,
        title: data.title,
        standfirst: data.standfirst,
        body: JSON.stringify(body.tree),
        body_text: body.text,
        status: publication.status,
        published_at: publication.publishedAt,
        created_at: iso(at),
        updated_at: iso(at),
        translation_group: group,
        seo_title: data.seo_title,
        seo_description: data.seo_description,
        canonical_url: data.canonical_url ?? null,
        hero_media_id: data.hero_media_id ?? null,
        version: 1,
      };
      const change: ArticleChange = {
        kind: 'saved',
        articleId: id,
        slug,
        wasPublic: false,
        isPublic: isPublic(row),
      };
      await kysely.transaction().execute(async (trx) => {
        await trx.insertInto('articles').values(row).execute();
        if (group)
          await trx
            .updateTable('articles')
            .set({ translation_group: group })
            .where('id', '=', group)
            .execute();
        await replaceArticleAuthors(trx, id, data.author_ids);
        await replaceArticleTags(trx, id, data.tag_ids);
        await deps.changes.inTransaction(trx, change);
      });
      deps.changes.afterCommit(change);
      return one(id);
    },

    async update(id: string, input: unknown): Promise<Article> {
      const data = parseInput(articleUpdateSchema, input);
      const current = await requireRow(id);
      if (data.version !== current.version) throw new StaleUpdateError(current.version, data.version);
      await assertReferences(data);
      if (data.slug && data.slug !== current.slug) await assertSlugFree(data.slug, id);
      const body = resolveBody(data);
      const language = data.language ?? current.language;
      const patch: Partial<ArticlesTable> = { updated_at: iso(now()), version: current.version + 1 };
      if (data.title !== undefined) patch.title = data.title;
      if (data.slug !== undefined) patch.slug = data.slug;
      if (data.standfirst !== undefined) patch.standfirst = data.standfirst;
      if (body) {
        patch.body = JSON.stringify(body.tree);
        patch.body_text = body.text;
      }
      if (data.language !== undefined) patch.language = data.language;
      if (data.seo_title !== undefined) patch.seo_title = data.seo_title;
      if (data.seo_description !== undefined) patch.seo_description = data.seo_description;
      if (data.canonical_url !== undefined) patch.canonical_url = data.canonical_url;
      if (data.hero_media_id !== undefined) patch.hero_media_id = data.hero_media_id;
      if (data.translation_of === null) patch.translation_group = null;
      else if (data.translation_of !== undefined) {
        patch.translation_group = await resolveTranslationGroup(kysely, data.translation_of, language, id);
      }
      const slug = patch.slug ?? current.slug;
      const change: ArticleChange = {
        kind: 'saved',
        articleId: id,
        slug,
        ...(slug !== current.slug ? { previousSlug: current.slug } : {}),
        wasPublic: isPublic(current),
        isPublic: isPublic(current),
      };
      const updated = await kysely.transaction().execute(async (trx) => {
        // The version check in the WHERE makes two concurrent saves of the same version impossible.
        const result = await trx
          .updateTable('articles')
          .set(patch)
          .where('id', '=', id)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        if (patch.translation_group) {
          await trx
            .updateTable('articles')
            .set({ translation_group: patch.translation_group })
            .where('id', '=', patch.translation_group)
            .execute();
        }
        if (data.author_ids) await replaceArticleAuthors(trx, id, data.author_ids);
        if (data.tag_ids) await replaceArticleTags(trx, id, data.tag_ids);
        await deps.changes.inTransaction(trx, change);
        return true;
      });
      if (!updated) throw new StaleUpdateError((await requireRow(id)).version, data.version);
      deps.changes.afterCommit(change);
      return one(id);
    },

    async publish(id: string): Promise<Article> {
      const row = await requireRow(id);
      const at = iso(now());
      const keepDate = row.status === 'unpublished' && row.published_at !== null && row.published_at <= at;
      return changeStatus(row, 'published', keepDate ? row.published_at : at);
    },

    async schedule(id: string, input: unknown): Promise<Article> {
      const { published_at } = parseInput(scheduleSchema, input);
      const row = await requireRow(id);
      const publication = decidePublication('scheduled', published_at, now());
      return changeStatus(row, publication.status, publication.publishedAt);
    },

    async unpublish(id: string): Promise<Article> {
      const row = await requireRow(id);
      return changeStatus(row, row.status === 'scheduled' ? 'draft' : 'unpublished', row.published_at);
    },

    /** Publish every scheduled article whose time has come; safe to run any number of times. */
    async publishDue(): Promise<string[]> {
      const at = iso(now());
      const due = await kysely
        .selectFrom('articles')
        .select(['id', 'slug'])
        .where('status', '=', 'scheduled')
        .where('published_at', '<=', at)
        .execute();
      const published: string[] = [];
      for (const row of due) {
        const change: ArticleChange = {
          kind: 'status',
          articleId: row.id,
          slug: row.slug,
          wasPublic: false,
          isPublic: true,
        };
        const done = await kysely.transaction().execute(async (trx) => {
          const result = await trx
            .updateTable('articles')
            .set((eb) => ({ status: 'published', updated_at: at, version: eb('version', '+', 1) }))
            .where('id', '=', row.id)
            .where('status', '=', 'scheduled')
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) return false;
          await deps.changes.inTransaction(trx, change);
          return true;
        });
        if (!done) continue;
        published.push(row.id);
        deps.changes.afterCommit(change);
      }
      return published;
    },

    async delete(id: string): Promise<void> {
      const row = await requireRow(id);
      const change: ArticleChange = {
        kind: 'deleted',
        articleId: id,
        slug: row.slug,
        wasPublic: isPublic(row),
        isPublic: false,
      };
      await kysely.transaction().execute(async (trx) => {
        await trx.deleteFrom('articles').where('id', '=', id).execute();
        await deps.changes.inTransaction(trx, change);
      });
      deps.changes.afterCommit(change);
    },

    get: one,

    async findBySlug(slug: string): Promise<Article | undefined> {
      const row = await findArticleRow(kysely, { slug });
      if (!row) return undefined;
      const [article] = await hydrate(kysely, [row]);
      return article;
    },

    /**
     * A page of articles. `options.count: false` skips counting all matches (then `total` is only
     * what this page reaches): for rails and fallbacks that show no page numbers.
     */
    async list(
      query: unknown,
      fixed: ArticleFilter = {},
      options: { count?: boolean } = {},
    ): Promise<ArticlePage> {
      const q = parseInput(articleListQuerySchema, query);
      const filter: ArticleFilter = {
        ...(q.status ? { status: q.status } : {}),
        ...(q.tag ? { tagSlug: q.tag } : {}),
        ...(q.author ? { authorSlug: q.author } : {}),
        ...(q.language ? { language: q.language } : {}),
        ...fixed,
      };
      const { rows, total } = await findArticles(kysely, filter, {
        limit: q.limit,
        offset: (q.page - 1) * q.limit,
        ...options,
      });
      return { items: await hydrate(kysely, rows), total, page: q.page, limit: q.limit };
    },

    /** Published translations of many articles at once: article id -> its other-language versions. */
    async publishedTranslationsOf(articles: Array<Pick<Article, 'id' | 'translationGroup'>>) {
      const groups = [...new Set(articles.map((a) => a.translationGroup).filter((g): g is string => !!g))];
      const out = new Map<string, Array<{ id: string; slug: string; language: string; title: string }>>();
      if (groups.length === 0) return out;
      const rows = await kysely
        .selectFrom('articles')
        .select(['id', 'slug', 'language', 'title', 'translation_group'])
        .where('translation_group', 'in', groups)
        .where('status', '=', 'published')
        .orderBy('language')
        .execute();
      for (const article of articles) {
        out.set(
          article.id,
          rows
            .filter((r) => r.translation_group === article.translationGroup && r.id !== article.id)
            .map(({ id, slug, language, title }) => ({ id, slug, language, title })),
        );
      }
      return out;
    },

    /** The other-language versions of an article (never the article itself). */
    async translations(article: Pick<Article, 'id' | 'translationGroup'>, status?: ArticlesTable['status']) {
      if (!article.translationGroup) return [];
      let query = kysely
        .selectFrom('articles')
        .select(['id', 'slug', 'language', 'title', 'status'])
        .where('translation_group', '=', article.translationGroup)
        .where('id', '!=', article.id);
      if (status) query = query.where('status', '=', status);
      return query.orderBy('language').execute();
    },
  };

  async function freeSlugFrom(title: string): Promise<string> {
    const base = slugify(title) || 'article';
    for (let n = 1; n < 50; n++) {
      const candidate = n === 1 ? base : `${base.slice(0, 110)}-${n}`;
      if (!(await findArticleRow(kysely, { slug: candidate }))) return candidate;
    }
    return `${base.slice(0, 100)}-${randomUUID().slice(0, 8)}`;
  }
}

export type ArticleService = ReturnType<typeof createArticleService>;
