import type { Article } from '../articles/index.ts';
import type { Author, AuthorTranslation } from '../authors/index.ts';
import type { Tag, TagTranslation } from '../tags/index.ts';
import { interfaceLanguages } from '../../i18n/index.ts';
import { localized } from '../../lib/translations.ts';
import type { SiteServices } from './site-services.ts';
import { languagePrefix, pathsIn, type SitePaths } from './urls.ts';

// A page speaks one language: its interface words, its addresses (/ru/...) and the names of the
// sections, tags and authors it shows. Names come from the translations kept for that language,
// field by field, and fall back to the default name, slug and description where there is none.

export interface PageLanguage {
  lang: string;
  /** "" for the default language, "/ru" for Russian. */
  prefix: string;
  paths: SitePaths;
  tag(tag: Tag): Tag;
  author(author: Author): Author;
  /** The article with its tags and bylines named in this language. */
  article(article: Article): Article;
}

/**
 * The languages with pages of their own: the default first (at `/`), then each catalogue's, or,
 * given `enabled` (the `languages` setting), each catalogue's the newsroom has switched on.
 */
export function siteLanguages(defaultLanguage: string, enabled?: readonly string[]): string[] {
  const base = defaultLanguage.toLowerCase().split('-')[0];
  const others = interfaceLanguages.filter((l) => l !== base);
  return [defaultLanguage, ...(enabled ? others.filter((l) => enabled.includes(l)) : others)];
}

/** A page language from the translations into it (pure: the maps are loaded by the caller). */
export function pageLanguage(
  lang: string,
  defaultLanguage: string,
  names: { tags: ReadonlyMap<string, TagTranslation>; authors: ReadonlyMap<string, AuthorTranslation> },
): PageLanguage {
  const tag = (t: Tag): Tag => ({
    ...t,
    ...localized({ name: t.name, slug: t.slug, description: t.description }, names.tags.get(t.id)),
  });
  const author = (a: Author): Author => ({
    ...a,
    ...localized({ name: a.name, slug: a.slug, bio: a.bio }, names.authors.get(a.id)),
  });
  const prefix = languagePrefix(lang, defaultLanguage);
  return {
    lang,
    prefix,
    paths: pathsIn(prefix),
    tag,
    author,
    article: (a) => withNames(a, a.tags.map(tag), a.authors.map(author)),
  };
}

/**
 * A copy of the article with these tags and authors, its fields copied as they are: a spread
 * would read the body, which a listed article parses only when something reads it.
 */
function withNames(article: Article, tags: Tag[], authors: Author[]): Article {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(article)) {
    if (key === 'body') Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(article, key)!);
    else copy[key] = article[key as keyof Article];
  }
  copy.tags = tags;
  copy.authors = authors;
  return copy as unknown as Article;
}

/** Loads the names a page in `lang` shows (two small queries). */
export async function loadPageLanguage(
  services: Pick<SiteServices, 'tags' | 'authors'>,
  lang: string,
  defaultLanguage: string,
): Promise<PageLanguage> {
  const [tags, authors] = await Promise.all([
    services.tags.translationsIn(lang),
    services.authors.translationsIn(lang),
  ]);
  return pageLanguage(lang, defaultLanguage, { tags, authors });
}
