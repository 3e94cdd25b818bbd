// The demo publication that `npm start` seeds on a fresh machine. Every word and every picture
// is original to Samizdat: the texts were written for it and the heroes are generated from seeds.
// Everything is validated when this module loads, so a typo fails fast instead of half-seeding.
import { z } from 'zod';
import { cultureArticles } from './articles/culture.ts';
import { economyArticles } from './articles/economy.ts';
import { environmentArticles } from './articles/environment.ts';
import { explainersArticles } from './articles/explainers.ts';
import { investigationsArticles } from './articles/investigations.ts';
import { newsroomArticles } from './articles/newsroom.ts';
import { russianArticles } from './articles/translations-ru.ts';
import { authors } from './authors.ts';
import {
  DemoArticleSchema,
  DemoAuthorSchema,
  DemoPublicationSchema,
  DemoSectionSchema,
  DemoTagSchema,
  type DemoArticle,
  type DemoAuthor,
  type DemoPublication,
  type DemoSection,
  type DemoTag,
} from './demo.types.ts';
import { publication } from './publication.ts';
import { sections, tags } from './sections.ts';

export { renderHeroArt, heroArtSvg, type HeroArtSpec } from './hero-art.ts';
export * from './demo.types.ts';

export const demoPublication: DemoPublication = DemoPublicationSchema.parse(publication);
export const demoAuthors: readonly DemoAuthor[] = z.array(DemoAuthorSchema).parse(authors);
export const demoSections: readonly DemoSection[] = z.array(DemoSectionSchema).parse(sections);
export const demoTags: readonly DemoTag[] = z.array(DemoTagSchema).parse(tags);
export const demoArticles: readonly DemoArticle[] = z
  .array(DemoArticleSchema)
  .parse([
    ...investigationsArticles,
    ...economyArticles,
    ...environmentArticles,
    ...cultureArticles,
    ...explainersArticles,
    ...newsroomArticles,
    ...russianArticles,
  ]);

/** Problems with references between the demo collections (unknown slugs, duplicates). Empty when sound. */
export function demoContentProblems(): string[] {
  const problems: string[] = [];
  const duplicates = (kind: string, slugs: string[]) => {
    const seen = new Set<string>();
    for (const slug of slugs) {
      if (seen.has(slug)) problems.push(`duplicate ${kind} slug "${slug}"`);
      seen.add(slug);
    }
    return seen;
  };
  const authorSlugs = duplicates(
    'author',
    demoAuthors.map((a) => a.slug),
  );
  const tagSlugs = duplicates(
    'tag',
    [...demoSections, ...demoTags].map((t) => t.slug),
  );
  const sectionSlugs = new Set(demoSections.map((s) => s.slug));
  duplicates(
    'article',
    demoArticles.map((a) => a.slug),
  );
  for (const article of demoArticles) {
    for (const slug of article.authorSlugs) {
      if (!authorSlugs.has(slug)) problems.push(`${article.slug}: unknown author "${slug}"`);
    }
    for (const slug of article.tagSlugs) {
      if (!tagSlugs.has(slug)) problems.push(`${article.slug}: unknown tag "${slug}"`);
    }
    if (!sectionSlugs.has(article.tagSlugs[0]!)) {
      problems.push(`${article.slug}: first tag "${article.tagSlugs[0]}" is not a section`);
    }
  }
  return problems;
}

const problems = demoContentProblems();
if (problems.length > 0) throw new Error(`demo content is inconsistent:\n${problems.join('\n')}`);
export { seedDemoIfEmpty } from './seed-demo.ts';
export { demoSeedNeeded } from './seed-needed.ts';
