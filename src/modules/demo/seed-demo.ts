import type { Db } from '../../db/connect.ts';
import type { ArticleService } from '../articles/index.ts';
import type { AuthorService } from '../authors/index.ts';
import type { MediaService } from '../media/index.ts';
import type { SiteSettingsStore } from '../settings/index.ts';
import type { TagService } from '../tags/index.ts';
import {
  demoArticles,
  demoAuthors,
  demoPublication,
  demoSections,
  demoTags,
  renderHeroArt,
} from './index.ts';
import { systemActor } from '../staff/index.ts';
import { renderPortraitArt } from './portrait-art.ts';

import { DEMO_SEED_MARKER as MARKER, demoSeedNeeded } from './seed-needed.ts';

export interface SeedOptions {
  /** Hero width in pixels; tests use small heroes to stay quick. */
  heroWidth?: number;
  now?: Date;
  /** Told after each article (created, or found from an interrupted seed): n of total. */
  onProgress?: (done: number, total: number) => void;
}

/** What seeding writes through: the same operations the Admin API uses. */
export interface SeedServices {
  db: Db;
  settings: Pick<SiteSettingsStore, 'set' | 'marker' | 'setMarker'>;
  tags: Pick<TagService, 'create' | 'findBySlug'>;
  authors: Pick<AuthorService, 'create' | 'findBySlug'>;
  articles: Pick<ArticleService, 'create' | 'findBySlug' | 'list'>;
  media: Pick<MediaService, 'upload'>;
}

/**
 * Seeds the demo publication when the database holds no articles, or finishes a seed that was
 * interrupted (a marker row says so). Each step skips what already exists, so a process killed
 * half-way resumes without duplicates.
 */
export async function seedDemoIfEmpty(services: SeedServices, options: SeedOptions = {}) {
  if (!(await demoSeedNeeded(services))) return undefined;
  return seedDemo(services, options);
}

/** A generated portrait, uploaded once (found again by its alt text after an interruption). */
async function demoPortrait(
  services: SeedServices,
  slug: string,
  portrait: { seed: number; alt: string },
): Promise<string> {
  const earlier = await services.db.kysely
    .selectFrom('media')
    .select('id')
    .where('alt', '=', portrait.alt)
    .where('credit', '=', PORTRAIT_CREDIT)
    .executeTakeFirst();
  if (earlier) return earlier.id;
  const uploaded = await services.media.upload({
    bytes: await renderPortraitArt({ seed: portrait.seed }, PORTRAIT_SIZE),
    filename: `${slug}-portrait.jpg`,
    caption: '',
    credit: PORTRAIT_CREDIT,
    alt: portrait.alt,
  });
  return uploaded.id;
}

const PORTRAIT_SIZE = 480;
const PORTRAIT_CREDIT = 'Illustration: Ilmara';

export async function seedDemo(services: SeedServices, options: SeedOptions = {}) {
  const setMarker = (value: string) => services.settings.setMarker(MARKER, value);
  await setMarker('started');

  await services.settings.set({
    name: demoPublication.name,
    description: demoPublication.tagline.en,
    descriptions: { en: demoPublication.tagline.en, ru: demoPublication.tagline.ru },
    accent_color: demoPublication.accentColor,
    logo_svg: demoPublication.logoSvg,
    // The demo shows the whole product: the newsletter signup and the reader-revenue appeal.
    features: { newsletter: true, support: true },
  });

  const tagIds = new Map<string, string>();
  for (const tag of [
    ...demoSections.map((s) => ({ ...s, section: true })),
    ...demoTags.map((t) => ({ ...t, section: false, navOrder: null })),
  ]) {
    const existing = await services.tags.findBySlug(tag.slug);
    const created =
      existing ??
      (await services.tags.create({
        name: tag.name,
        slug: tag.slug,
        description: tag.description,
        is_section: tag.section,
        nav_order: tag.navOrder,
        ...(tag.ru ? { translations: { ru: tag.ru } } : {}),
      }));
    tagIds.set(tag.slug, created.id);
  }

  const authorIds = new Map<string, string>();
  for (const author of demoAuthors) {
    const existing = await services.authors.findBySlug(author.slug);
    const created =
      existing ??
      (await services.authors.create({
        name: author.name,
        slug: author.slug,
        bio: author.bio,
        is_pen_name: author.isPenName,
        ...(author.realName ? { real_name: author.realName } : {}),
        ...(author.role ? { role: author.role } : {}),
        ...(author.signalUsername ? { signal_username: author.signalUsername } : {}),
        ...(author.pgpFingerprint ? { pgp_fingerprint: author.pgpFingerprint } : {}),
        ...(author.portrait
          ? { portrait_media_id: await demoPortrait(services, author.slug, author.portrait) }
          : {}),
        ...(author.ru ? { translations: { ru: author.ru } } : {}),
      }));
    authorIds.set(author.slug, created.id);
  }

  const now = options.now ?? new Date();
  const width = options.heroWidth ?? 1600;
  const byTranslationKey = new Map<string, string>();
  // Originals first, so translations can point at them.
  const ordered = [...demoArticles].sort((a, b) => Number(a.language !== 'en') - Number(b.language !== 'en'));
  let articles = 0;
  for (const demo of ordered) {
    const existing = await services.articles.findBySlug(demo.slug);
    if (existing) {
      if (demo.translationKey && demo.language === 'en')
        byTranslationKey.set(demo.translationKey, existing.id);
      articles++;
      options.onProgress?.(articles, ordered.length);
      continue;
    }
    const bytes = await renderHeroArt(
      { seed: demo.hero.seed, theme: demo.hero.theme },
      width,
      Math.round((width * 2) / 3),
    );
    // A photo uploaded before an interruption is found again by its words, not duplicated (no
    // hash of uploads is kept). A translation has its own caption, credit and alt, so its own photo.
    const earlier = await services.db.kysely
      .selectFrom('media')
      .select('id')
      .where('caption', '=', demo.hero.caption)
      .where('credit', '=', demo.hero.credit)
      .where('alt', '=', demo.hero.alt)
      .executeTakeFirst();
    const hero =
      earlier ??
      (await services.media.upload({
        bytes,
        filename: `${demo.slug}.jpg`,
        caption: demo.hero.caption,
        credit: demo.hero.credit,
        alt: demo.hero.alt,
      }));
    const at = new Date(now.getTime() - demo.hoursAgo * 3_600_000).toISOString();
    const translationOf =
      demo.translationKey && demo.language !== 'en' ? byTranslationKey.get(demo.translationKey) : undefined;
    const article = await services.articles.create(
      systemActor,
      {
        title: demo.title,
        slug: demo.slug,
        standfirst: demo.standfirst,
        body_html: demo.bodyHtml,
        language: demo.language,
        author_ids: demo.authorSlugs.map((s) => authorIds.get(s)!),
        tag_ids: demo.tagSlugs.map((s) => tagIds.get(s)!),
        hero_media_id: hero.id,
        status: demo.hoursAgo < 0 ? 'scheduled' : 'published',
        published_at: at,
        ...(translationOf ? { translation_of: translationOf } : {}),
      },
      // A demo story was last edited when it went out, not when the demo was seeded.
      demo.hoursAgo >= 0 ? { editedAt: new Date(at) } : {},
    );
    if (demo.translationKey && demo.language === 'en') byTranslationKey.set(demo.translationKey, article.id);
    articles++;
    options.onProgress?.(articles, ordered.length);
  }
  await setMarker('done');
  return { articles };
}
