import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  demoArticles,
  demoAuthors,
  demoContentProblems,
  demoPublication,
  demoSections,
  demoTags,
  renderHeroArt,
  SLUG_PATTERN,
} from './index.ts';

const published = demoArticles.filter((a) => a.hoursAgo >= 0);
const english = demoArticles.filter((a) => a.language === 'en');
const russian = demoArticles.filter((a) => a.language === 'ru');
const CYRILLIC = /[\u0400-\u04FF]/;
const plainText = (html: string) => html.replace(/<[^>]+>/g, ' ');
const wordCount = (html: string) => plainText(html).split(/\s+/).filter(Boolean).length;
const sectionOf = (slug: string) => demoArticles.filter((a) => a.tagSlugs[0] === slug);

describe('demo publication', () => {
  it('has a name, bilingual tagline and accent colour', () => {
    expect(demoPublication.name.length).toBeGreaterThan(0);
    expect(demoPublication.tagline.en).not.toMatch(CYRILLIC);
    expect(demoPublication.tagline.ru).toMatch(CYRILLIC);
    expect(demoPublication.about.ru).toMatch(CYRILLIC);
    expect(demoPublication.accentColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('has an accessible SVG logo that renders', async () => {
    const svg = demoPublication.logoSvg;
    expect(svg).toMatch(/^<svg[^>]*\sviewBox="[\d.\s]+"/);
    expect(svg).toMatch(/^<svg[^>]*\srole="img"/);
    expect(svg).toContain(`<title id="ilmara-logo-title">${demoPublication.name}</title>`);
    expect(svg).not.toMatch(/<script|\son[a-z]+\s*=|<image|xlink:href|<text/i);
    const meta = await sharp(Buffer.from(svg)).metadata();
    expect(meta.format).toBe('svg');
    const png = await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
    expect((await sharp(png).metadata()).width).toBeGreaterThan(200);
  });
});

describe('demo content invariants', () => {
  it('has at least 15 published articles, 16 in English, and one scheduled for the future', () => {
    expect(published.length).toBeGreaterThanOrEqual(15);
    expect(english.filter((a) => a.hoursAgo >= 0).length).toBeGreaterThanOrEqual(16);
    expect(demoArticles.some((a) => a.hoursAgo < 0)).toBe(true);
  });

  it('spreads publication over about three weeks so the demo never looks stale', () => {
    const hours = published.map((a) => a.hoursAgo);
    expect(Math.min(...hours)).toBeLessThan(12);
    expect(Math.max(...hours)).toBeGreaterThan(24 * 14);
    expect(Math.max(...hours)).toBeLessThanOrEqual(24 * 22);
    expect(demoArticles.filter((a) => a.hoursAgo < 24 * 7).length).toBeGreaterThanOrEqual(5);
  });

  it('has at least 4 sections with articles, and 4 sections with at least 4 articles each', () => {
    expect(demoSections.length).toBeGreaterThanOrEqual(4);
    for (const section of demoSections)
      expect(sectionOf(section.slug).length, section.slug).toBeGreaterThan(0);
    const wellStocked = demoSections.filter(
      (s) => sectionOf(s.slug).filter((a) => a.language === 'en' && a.hoursAgo >= 0).length >= 4,
    );
    expect(wellStocked.length).toBeGreaterThanOrEqual(4);
    const navOrders = demoSections.map((s) => s.navOrder);
    expect(new Set(navOrders).size).toBe(navOrders.length);
  });

  it('has at least 4 authors, each with a byline, and a pen name with a different real name', () => {
    expect(demoAuthors.length).toBeGreaterThanOrEqual(4);
    for (const author of demoAuthors) {
      expect(
        demoArticles.some((a) => a.authorSlugs.includes(author.slug)),
        author.slug,
      ).toBe(true);
    }
    const penNames = demoAuthors.filter((a) => a.isPenName);
    expect(penNames.length).toBeGreaterThanOrEqual(1);
    for (const author of penNames) {
      expect(author.realName).toBeTruthy();
      expect(author.realName).not.toBe(author.name);
      expect(author.bio.toLowerCase()).toContain('pen name');
    }
    for (const author of demoAuthors.filter((a) => !a.isPenName)) expect(author.realName).toBeUndefined();
  });

  it('never mentions a real name behind a pen name in any public text', () => {
    const publicText = [
      JSON.stringify(demoPublication),
      JSON.stringify(demoSections),
      JSON.stringify(demoTags),
      JSON.stringify(demoAuthors.map(({ realName: _realName, ...rest }) => rest)),
      JSON.stringify(demoArticles),
    ].join('\n');
    for (const author of demoAuthors.filter((a) => a.isPenName)) {
      for (const part of author.realName!.split(/\s+/)) expect(publicText, author.slug).not.toContain(part);
    }
  });

  it('gives the riskiest investigations to a pen-name author', () => {
    const penNames = new Set(demoAuthors.filter((a) => a.isPenName).map((a) => a.slug));
    const investigations = sectionOf('investigations').filter((a) => a.language === 'en');
    const byPenName = investigations.filter((a) => a.authorSlugs.some((s) => penNames.has(s)));
    expect(byPenName.length).toBeGreaterThanOrEqual(Math.ceil(investigations.length / 2));
  });

  it('has at least 3 translation pairs, each exactly one en and one ru article', () => {
    const groups = new Map<string, typeof demoArticles>();
    for (const article of demoArticles) {
      if (!article.translationKey) continue;
      groups.set(article.translationKey, [...(groups.get(article.translationKey) ?? []), article]);
    }
    expect(groups.size).toBeGreaterThanOrEqual(3);
    for (const [key, members] of groups) {
      expect(members.map((a) => a.language).sort(), key).toEqual(['en', 'ru']);
      const [a, b] = members;
      expect(a!.tagSlugs[0], key).toBe(b!.tagSlugs[0]);
      expect(a!.hero.seed, key).toBe(b!.hero.seed);
    }
    for (const article of russian) expect(article.translationKey, article.slug).toBeTruthy();
  });

  it('writes Russian articles in Russian', () => {
    expect(russian.length).toBeGreaterThanOrEqual(3);
    for (const article of russian) {
      expect(article.title, article.slug).toMatch(CYRILLIC);
      expect(article.standfirst, article.slug).toMatch(CYRILLIC);
      expect(plainText(article.bodyHtml), article.slug).toMatch(CYRILLIC);
      expect(article.hero.caption, article.slug).toMatch(CYRILLIC);
    }
    for (const article of english) expect(article.title, article.slug).not.toMatch(CYRILLIC);
  });

  it('uses unique slugs in the expected format', () => {
    const groups = {
      articles: demoArticles.map((a) => a.slug),
      authors: demoAuthors.map((a) => a.slug),
      tags: [...demoSections, ...demoTags].map((t) => t.slug),
    };
    for (const [kind, slugs] of Object.entries(groups)) {
      expect(new Set(slugs).size, kind).toBe(slugs.length);
      for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
    }
    expect(SLUG_PATTERN.test('Bad--slug')).toBe(false);
  });

  it('references only authors and tags that exist, with a section first', () => {
    expect(demoContentProblems()).toEqual([]);
    const authors = new Set(demoAuthors.map((a) => a.slug));
    const tags = new Set([...demoSections, ...demoTags].map((t) => t.slug));
    const sections = new Set(demoSections.map((s) => s.slug));
    for (const article of demoArticles) {
      for (const slug of article.authorSlugs)
        expect(authors.has(slug), `${article.slug} → ${slug}`).toBe(true);
      for (const slug of article.tagSlugs) expect(tags.has(slug), `${article.slug} → ${slug}`).toBe(true);
      expect(sections.has(article.tagSlugs[0]!), article.slug).toBe(true);
      expect(new Set(article.tagSlugs).size, article.slug).toBe(article.tagSlugs.length);
    }
  });

  it('gives every hero a caption, credit and alt text', () => {
    for (const { slug, hero } of demoArticles) {
      expect(hero.caption.trim(), slug).not.toBe('');
      expect(hero.credit.trim(), slug).not.toBe('');
      expect(hero.alt.trim(), slug).not.toBe('');
      expect(hero.alt, slug).not.toBe(hero.caption);
    }
  });

  it('keeps body HTML simple and inert', () => {
    const allowed = new Set(['p', 'h2', 'h3', 'ul', 'ol', 'li', 'blockquote', 'aside', 'a', 'em', 'strong']);
    for (const { slug, bodyHtml } of demoArticles) {
      expect(bodyHtml, slug).not.toMatch(/<script/i);
      expect(bodyHtml, slug).not.toMatch(/\son[a-z]+\s*=/i);
      expect(bodyHtml, slug).not.toMatch(/javascript:/i);
      for (const [, tag] of bodyHtml.matchAll(/<\/?([a-z0-9]+)/gi))
        expect(allowed, `${slug}: <${tag}>`).toContain(tag);
      for (const [, href] of bodyHtml.matchAll(/href="([^"]*)"/g))
        expect(href, slug).toMatch(/^(https:\/\/|\/)/);
      const opened = (bodyHtml.match(/<(p|h2|ul|ol|li|blockquote|aside)[\s>]/g) ?? []).length;
      const closed = (bodyHtml.match(/<\/(p|h2|ul|ol|li|blockquote|aside)>/g) ?? []).length;
      expect(closed, `${slug}: balanced block tags`).toBe(opened);
      expect((bodyHtml.match(/class="pull-quote"/g) ?? []).length, slug).toBeLessThanOrEqual(2);
    }
  });

  it('has bodies of readable length (350 to 900 words)', () => {
    for (const { slug, bodyHtml } of demoArticles) {
      const words = wordCount(bodyHtml);
      expect(words, slug).toBeGreaterThanOrEqual(350);
      expect(words, slug).toBeLessThanOrEqual(900);
    }
  });
});

describe('renderHeroArt', () => {
  it('renders a JPEG of the requested size, deterministically', async () => {
    const spec = { seed: 4107, theme: 'night' };
    const first = await renderHeroArt(spec, 480, 320);
    const again = await renderHeroArt(spec, 480, 320);
    expect(first.equals(again)).toBe(true);
    const meta = await sharp(first).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 320 });
    const other = await renderHeroArt({ seed: 4108, theme: 'night' }, 480, 320);
    expect(other.equals(first)).toBe(false);
  });

  it('renders the default 2000x1333 size for every theme used by the demo', async () => {
    const themes = [...new Set(demoArticles.map((a) => a.hero.theme))];
    for (const theme of themes) {
      const seed = demoArticles.find((a) => a.hero.theme === theme)!.hero.seed;
      const jpeg = await renderHeroArt({ seed, theme });
      expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
      expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 2000, height: 1333 });
    }
  });

  it('falls back to a default palette for an unknown theme', async () => {
    const jpeg = await renderHeroArt({ seed: 1, theme: 'no-such-theme' }, 64, 48);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
  });
});
