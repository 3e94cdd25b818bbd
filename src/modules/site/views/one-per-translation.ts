import type { Article } from '../../articles/index.ts';

/**
 * A list with one article per translation group, kept where its group first appears: the member
 * in `lang` when the list holds one, else the first listed. For lists ranked outside SQL (search
 * results); SQL listings use the articles module's preferredTranslation.
 */
export function onePerTranslation<A extends Pick<Article, 'id' | 'language' | 'translationGroup'>>(
  articles: A[],
  lang: string,
): A[] {
  const chosen = new Map<string, A>();
  for (const article of articles) {
    const group = article.translationGroup ?? article.id;
    const current = chosen.get(group);
    if (!current || (current.language !== lang && article.language === lang)) chosen.set(group, article);
  }
  const seen = new Set<string>();
  return articles.flatMap((article) => {
    const group = article.translationGroup ?? article.id;
    if (seen.has(group)) return [];
    seen.add(group);
    return [chosen.get(group)!];
  });
}
