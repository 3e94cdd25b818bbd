import type { Db } from '../../db/connect.ts';
import type { ArticleStatus } from '../../db/schema.ts';
import { findGroupMembers, findPublishedInGroups } from './article-repository.ts';
import type { Article } from './article.types.ts';

export interface TranslationLink {
  id: string;
  slug: string;
  language: string;
  title: string;
}

/** Published translations of many articles at once: article id -> its other-language versions. */
export async function publishedTranslationsOf(
  db: Db,
  articles: Array<Pick<Article, 'id' | 'translationGroup'>>,
): Promise<Map<string, TranslationLink[]>> {
  const groups = [...new Set(articles.map((a) => a.translationGroup).filter((g): g is string => !!g))];
  const out = new Map<string, TranslationLink[]>();
  if (groups.length === 0) return out;
  const rows = await findPublishedInGroups(db.kysely, groups);
  for (const article of articles) {
    out.set(
      article.id,
      rows
        .filter((r) => r.translation_group === article.translationGroup && r.id !== article.id)
        .map(({ id, slug, language, title }) => ({ id, slug, language, title })),
    );
  }
  return out;
}

/** The other-language versions of an article (never the article itself). */
export async function translationsOf(
  db: Db,
  article: Pick<Article, 'id' | 'translationGroup'>,
  status?: ArticleStatus,
) {
  if (!article.translationGroup) return [];
  return findGroupMembers(db.kysely, article.translationGroup, article.id, status);
}
