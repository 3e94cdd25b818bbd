import type { Article } from '../articles/index.ts';
import type { SiteContext } from './site-context.ts';
import { publishedByIds } from './site-queries.ts';

export const READ_MORE_LIMIT = 4;

/**
 * Read more for an article: what the relatedness engine suggests (published ones only, never
 * the article itself), topped up with the latest articles of its section in its language, then
 * with the latest in its language. An engine failure costs the suggestions, never the page.
 */
export async function readMoreFor(
  ctx: SiteContext,
  article: Article,
  limit = READ_MORE_LIMIT,
): Promise<Article[]> {
  const chosen: Article[] = [];
  const seen = new Set([article.id]);
  const add = (candidates: Article[]) => {
    for (const a of candidates) {
      if (chosen.length >= limit) return;
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      chosen.push(a);
    }
  };

  const suggested = await ctx.relatedArticleIds(article.id, limit).catch(() => [] as string[]);
  add(await publishedByIds(ctx.services, suggested.slice(0, limit * 2)));

  const section = article.tags.find((t) => t.isSection) ?? article.tags[0];
  const fallbacks = [
    ...(section ? [{ tag: section.slug, language: article.language }] : []),
    { language: article.language },
  ];
  for (const query of fallbacks) {
    if (chosen.length >= limit) break;
    const page = await ctx.services.articles.list(
      { ...query, limit: limit + 1 },
      { readerVisible: true },
      { count: false },
    );
    add(page.items);
  }
  return chosen;
}
