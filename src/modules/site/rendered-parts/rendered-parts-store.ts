import type { Db } from '../../../db/connect.ts';
import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import {
  mediaDigest,
  renderArticleParts,
  rendererKey,
  sourceOf,
  type ArticleParts,
} from './article-parts.ts';

/**
 * Article page parts stored when the article is saved (table `article_renders`). A page render
 * asks `read`, which answers only parts that are exactly what would be rendered now: the same
 * article version, the same renderer, the same media. Anything else (a row not yet re-rendered
 * after an upgrade, a photo deleted since) is rendered from scratch by the page, so a stale row
 * can slow a page down but never change it.
 */
export interface RenderedParts {
  /** The renderer's key for this site (see rendererKey). */
  readonly renderer: string;
  /** None for a page rendered for another site address (a mirror export): its links differ. */
  read(article: Article, media: Map<string, PublicMedia>, siteUrl: string): Promise<ArticleParts | undefined>;
  /** Render `article`'s parts now and keep them (replacing what was kept). */
  store(article: Article, media: Map<string, PublicMedia>): Promise<void>;
  /** Forget an article's parts (it was deleted). */
  forget(articleId: string): Promise<void>;
  /** Up to `limit` ids of articles without current parts from this renderer. */
  staleIds(limit: number): Promise<string[]>;
}

export function createRenderedParts(deps: { db: Db; siteUrl: string; now?: () => Date }): RenderedParts {
  const { kysely } = deps.db;
  const renderer = rendererKey(deps.siteUrl);
  const now = deps.now ?? (() => new Date());
  return {
    renderer,

    async read(article, media, siteUrl) {
      if (siteUrl !== deps.siteUrl) return undefined;
      const row = await kysely
        .selectFrom('article_renders')
        .select(['renderer', 'source', 'media', 'body_html', 'description'])
        .where('article_id', '=', article.id)
        .executeTakeFirst();
      if (!row || row.renderer !== renderer || row.source !== sourceOf(article)) return undefined;
      if (row.media !== mediaDigest(article, media)) return undefined;
      return { bodyHtml: row.body_html, excerpt: row.description };
    },

    async store(article, media) {
      const parts = renderArticleParts(article, media, deps.siteUrl);
      const values = {
        renderer,
        source: sourceOf(article),
        media: mediaDigest(article, media),
        body_html: parts.bodyHtml,
        description: parts.excerpt,
        rendered_at: now().toISOString(),
      };
      await kysely
        .insertInto('article_renders')
        .values({ article_id: article.id, ...values })
        .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
        .execute();
    },

    async forget(articleId) {
      await kysely.deleteFrom('article_renders').where('article_id', '=', articleId).execute();
    },

    async staleIds(limit) {
      const rows = await kysely
        .selectFrom('articles as a')
        .leftJoin('article_renders as r', 'r.article_id', 'a.id')
        .select('a.id')
        .where((eb) => eb.or([eb('r.renderer', 'is', null), eb('r.renderer', '!=', renderer)]))
        .orderBy('a.id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
