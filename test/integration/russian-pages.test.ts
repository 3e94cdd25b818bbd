// Every Russian page of the demo speaks Russian: no interface string of the English catalogue
// shows on it. The strings are derived from the catalogues themselves (src/i18n/messages), so a
// new English message is checked as soon as it exists; text in another language that the page
// marks as such (a card of an English article, lang="en") is content, not interface, and is left out.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages/en.ts';
import { ru } from '../../src/i18n/messages/ru.ts';
import { demoArticles, demoAuthors, demoSections, demoTags } from '../../src/modules/demo/index.ts';
import { startDemoSite } from '../support/browser.ts';
import type { TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

/**
 * The English interface's words: each message's fixed parts (placeholders cut out), where the
 * Russian message differs, with at least one word of three letters (not "RSS" or "©").
 */
export function englishInterfaceStrings(): string[] {
  const strings = new Set<string>();
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    if (en[key] === ru[key]) continue;
    for (const part of en[key].split(/\{\w+\}/)) {
      const text = part.replace(/^[\s:,.;!?“”"()—–-]+|[\s:,.;!?“”"()—–-]+$/g, '');
      if (/[A-Za-z]{3}/.test(text) && !/^[A-Z]{2,}$/.test(text)) strings.add(text);
    }
  }
  return [...strings];
}

const window = new Window({
  settings: {
    disableJavaScriptEvaluation: true,
    disableJavaScriptFileLoading: true,
    disableCSSFileLoading: true,
    disableIframePageLoading: true,
  },
});

/** What a reader of the page reads or hears: text, titles, labels, alt text, the description. */
function readableText(html: string): string {
  const document = new window.DOMParser().parseFromString(html, 'text/html');
  for (const foreign of [...document.querySelectorAll('body [lang]')]) {
    if (!/^ru\b/i.test(foreign.getAttribute('lang') ?? '')) foreign.remove();
  }
  for (const hidden of [...document.querySelectorAll('script, style, template')]) hidden.remove();
  const parts = [document.title, document.body?.textContent ?? ''];
  for (const el of [...document.querySelectorAll('[aria-label], [alt], [title], [placeholder], [value]')]) {
    for (const name of ['aria-label', 'alt', 'title', 'placeholder']) parts.push(el.getAttribute(name) ?? '');
    if (el.getAttribute('type') === 'submit') parts.push(el.getAttribute('value') ?? '');
  }
  parts.push(document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '');
  return parts.join('\n').replace(/\s+/g, ' ');
}

function englishIn(text: string, strings: string[]): string[] {
  return strings.filter((s) =>
    new RegExp(`(^|[^A-Za-z])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`).test(text),
  );
}

const russianArticles = demoArticles.filter((a) => a.language === 'ru' && a.hoursAgo >= 0);
const ruSlug = (t: { slug: string; ru?: { slug: string } | undefined }) => t.ru?.slug ?? t.slug;
const russianTags = [...demoSections, ...demoTags].filter((t) =>
  russianArticles.some((a) => a.tagSlugs.includes(t.slug)),
);
const russianAuthors = demoAuthors.filter((a) => russianArticles.some((r) => r.authorSlugs.includes(a.slug)));

/** One of each kind of Russian page, and every section, tag, author and article the Russian demo has. */
const pages: Array<{ path: string; status: number }> = [
  { path: '/ru/', status: 200 },
  ...demoSections.map((s) => ({ path: `/ru/tag/${ruSlug(s)}`, status: 200 })),
  ...russianTags.map((t) => ({ path: `/ru/tag/${ruSlug(t)}`, status: 200 })),
  ...russianAuthors.map((a) => ({ path: `/ru/author/${a.slug}`, status: 200 })),
  ...russianArticles.map((a) => ({ path: `/articles/${a.slug}`, status: 200 })),
  { path: '/ru/search', status: 200 },
  { path: `/ru/search?q=${encodeURIComponent('озеро')}`, status: 200 },
  { path: '/ru/search?q=zzzzqqq', status: 200 },
  { path: '/ru/archive', status: 200 },
  { path: '/ru/no-such-page', status: 404 },
];

describe('the English interface strings', () => {
  it('come from the catalogue, so a new message is checked without a hand-kept list', () => {
    const strings = englishInterfaceStrings();
    expect(strings).toContain('Read more');
    expect(strings).toContain('Topics');
    expect(strings).toContain('Page not found');
    expect(strings).toContain('Follow by feed');
    expect(strings.length).toBeGreaterThan(60);
    expect(englishIn('Читать ещё. Read more', strings)).toEqual(['Read more']);
  });
});

describe.each(testDatabases)('every Russian demo page speaks Russian (%s)', (dialect) => {
  let t: TestApp;
  const strings = englishInterfaceStrings();
  beforeAll(async () => {
    t = await startDemoSite(dialect);
  }, 120_000);
  afterAll(async () => t?.close());

  it('has Russian pages to check', () => {
    expect(russianArticles.length).toBeGreaterThan(1);
    expect(russianAuthors.length).toBeGreaterThan(0);
  });

  it.each(pages)('$path shows no English interface string', async ({ path, status }) => {
    const res = await t.fetch(path);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toMatch(/<html lang="ru"/);
    expect(englishIn(readableText(html), strings)).toEqual([]);
  });

  it('shows the Kestavian bylines in Cyrillic and the sections by their Russian names', async () => {
    const article = russianArticles[0]!;
    const html = await (await t.fetch(`/articles/${article.slug}`)).text();
    const author = demoAuthors.find((a) => a.slug === article.authorSlugs[0])!;
    expect(html).toContain(`>${author.ru!.name}</a>`);
    expect(html).not.toContain(`>${author.name}</a>`);
    const home = await (await t.fetch('/ru/')).text();
    for (const section of demoSections) {
      expect(home).toContain(`<a href="/ru/tag/${section.ru!.slug}"`);
      expect(home).toContain(`>${section.ru!.name}</a>`);
    }
  });
});
