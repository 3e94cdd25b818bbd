import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteSettingsSchema } from '../../../settings/site-settings.ts';
import { createThemeEngine, DEFAULT_THEME_DIR, useNativePartials } from '../theme-engine.ts';
import { NATIVE_PARTIAL_FILES } from './index.ts';

// Each partial written in TypeScript against its Liquid file, over data the demo never has:
// every character the escape changes, empty and missing fields, both branches of every `if`.

const settings = siteSettingsSchema.parse({ name: 'Ilmara', time_zone: 'UTC', languages: [] });
const dir = mkdtempSync(join(tmpdir(), 'samizdat-native-partials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'probe.liquid'),
  "{% render 'partials/card', card: card, variant: variant, level: level, show_section: show_section %}|" +
    "{% render 'partials/byline', article: article %}|" +
    "{% render 'partials/appeal-form', appeal: appeal, prefix: prefix, source: source %}|" +
    "{% render 'partials/head-meta', page: page %}|{% render 'partials/site-header', page: page %}|" +
    "{% render 'partials/newsletter-signup', source: source, problem: problem, email: email %}|" +
    "{% render 'partials/support-inline', source: source, section: section %}|" +
    "{% render 'partials/appeal-letter', appeal: appeal %}",
);
const theme = createThemeEngine({ roots: [dir, DEFAULT_THEME_DIR], settings: () => settings });

const nasty = `Tom & "Jerry" <b>'s</b>`;
const picture = {
  src: '/m/a.jpg?x=1&y=2',
  width: 800,
  height: 600,
  alt: nasty,
  srcset: '/m/a.jpg 800w',
  webpSrcset: '',
  sizes: '100vw',
  caption: '',
  credit: '',
  eager: false,
};
const cards = [
  {
    url: '/articles/a',
    title: nasty,
    standfirst: nasty,
    lang: 'ru',
    foreign: true,
    section: { url: '/tag/x', name: nasty },
    authors: [
      { url: '/author/a', name: nasty, separator: '' },
      { url: '/author/b', name: 'B', separator: ' & ' },
    ],
    published: { iso: '2026-01-01T00:00:00+00:00', text: '1 "Jan"' },
    picture: { ...picture, webpSrcset: '/m/a.webp 800w', eager: true },
  },
  {
    url: '/b',
    title: 'B',
    standfirst: '',
    lang: 'en',
    foreign: false,
    section: null,
    authors: [],
    published: {},
    picture,
  },
  { url: '/c', title: 0, picture: null },
  {},
];
const appeals = [
  {
    action: '/support/checkout?a=1&b=2',
    variant: nasty,
    currency: 'EUR',
    frequencies: [
      { id: 'once', label: nasty, checked: true },
      { id: 'monthly', label: 'Monthly', checked: false },
    ],
    currencies: [
      { code: 'EUR', selected: true, limits: '1 € – 10 000 €' },
      { code: 'USD', selected: false, limits: nasty },
    ],
    groups: [
      {
        frequency: 'once',
        currency: 'EUR',
        legend: nasty,
        amounts: [{ value: '5', label: '5 €', checked: true }],
      },
      {
        frequency: 'monthly',
        currency: 'USD',
        legend: 'L',
        amounts: [
          { value: '1', label: '$1' },
          { value: '2', label: '$2' },
        ],
      },
    ],
    rails: [
      { id: 'test', label: nasty, test: true, checked: true },
      { id: 'card', label: 'Card', test: false, checked: false },
    ],
  },
  {
    currency: 'EUR',
    currencies: [{ code: 'EUR', selected: true, limits: '' }],
    groups: [],
    rails: [],
    letter: ['One', nasty],
    startingFrom: '',
  },
  {},
];
const pages = [
  {
    kind: 'home',
    description: nasty,
    robots: 'noindex',
    canonical: '/?a=1&b=2',
    alternates: [
      { hreflang: 'ru', url: '/ru/' },
      { hreflang: 'x-default', url: '/' },
    ],
    feeds: [{ type: 'application/rss+xml', title: nasty, url: '/tag/x/feed.xml' }],
    prev: '/page/1',
    next: '/page/3',
    og: {
      type: 'article',
      title: nasty,
      description: '',
      locale: 'en_GB',
      url: 'https://example.org/a',
      image: { url: 'https://example.org/i.jpg', width: 1200, height: 630, alt: nasty },
      extra: [{ property: 'article:tag', content: nasty }],
    },
    twitterCard: 'summary_large_image',
    jsonLd: '{"a":"<\\/script>"}',
  },
  { kind: 'listing', description: '', robots: null, canonical: null, alternates: [], og: {}, jsonLd: null },
  { kind: 'article' },
];
const sites = [
  {
    name: nasty,
    description: nasty,
    homeUrl: '/',
    searchUrl: '/search',
    logo: { url: '/assets/logo.svg', width: 120, height: 40 },
    feeds: { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' },
    sections: [
      { url: '/tag/a', name: nasty, current: true },
      { url: '/tag/b', name: 'B', current: false },
    ],
    newsletter: {
      action: '/newsletter?a=1&b=2',
      previewUrl: '/newsletter/preview',
      privacyUrl: '/privacy',
      pageUrl: '/newsletter',
      pitch: nasty,
      lists: [
        { id: 'l1', name: nasty, description: nasty, lang: 'ru', checked: true },
        { id: 'l2', name: 'Two', description: '', lang: null, checked: false },
      ],
    },
  },
  {
    name: 'Plain',
    description: '',
    logo: null,
    sections: [],
    newsletter: { pitch: null, lists: [{ id: 'only"one', name: 'One', description: '' }] },
  },
  {},
];
for (const [i, site] of sites.entries()) {
  (site as Record<string, unknown>).appeal =
    i === 0
      ? { ...appeals[0], enabled: true, title: nasty, letter: [nasty, 'Second'], startingFrom: nasty }
      : i === 1
        ? { enabled: false, title: 'T' }
        : undefined;
}
const articles = [
  {
    authors: cards[0]!.authors,
    published: { iso: 'x', text: nasty },
    updated: { iso: 'y', text: '<z>' },
  },
  { authors: [], published: {}, updated: null },
];

function render(scope: object, site: object, lang: string, native: boolean): Promise<string> {
  useNativePartials(native);
  return theme.render('probe', scope, { lang, site }).finally(() => useNativePartials(true));
}

describe('partials written in TypeScript', () => {
  it('stand in for every file they name', () => {
    expect(NATIVE_PARTIAL_FILES).toEqual([
      'partials/card',
      'partials/picture',
      'partials/byline',
      'partials/appeal-form',
      'partials/head-meta',
      'partials/site-header',
      'partials/newsletter-signup',
      'partials/support-inline',
      'partials/appeal-letter',
    ]);
  });

  it.each(['en', 'ru'])('write exactly what their Liquid writes (%s)', async (lang) => {
    let compared = 0;
    for (const [i, card] of cards.entries()) {
      for (const variant of ['lead', 'card', 'row', 'headline']) {
        const scope = {
          card,
          variant,
          level: 2 + (i % 2),
          show_section: i % 2 === 0 ? true : undefined,
          article: articles[i % articles.length],
          appeal: appeals[i % appeals.length],
          prefix: i === 0 ? 'in"line' : 'dialog',
          source: i === 0 ? nasty : '',
          page: pages[i % pages.length],
          problem: i === 0 ? nasty : i === 1 ? '' : null,
          email: i === 0 ? 'a&b@example.org' : null,
          section: i === 0 ? nasty : '',
        };
        const site = sites[i % sites.length]!;
        const liquid = await render(scope, site, lang, false);
        expect(await render(scope, site, lang, true)).toBe(liquid);
        compared++;
      }
    }
    expect(compared).toBe(16);
  });

  it('give way to the Liquid of a theme that overrides one of them', async () => {
    const own = mkdtempSync(join(tmpdir(), 'samizdat-native-override-'));
    try {
      writeFileSync(join(own, 'probe.liquid'), "{% render 'partials/card', card: card %}");
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(own, 'partials'));
      writeFileSync(join(own, 'partials', 'picture.liquid'), 'own picture');
      writeFileSync(join(own, 'partials', 'card.liquid'), "own card {% render 'partials/picture' %}");
      const overridden = createThemeEngine({ roots: [own, DEFAULT_THEME_DIR], settings: () => settings });
      expect(await overridden.render('probe', { card: cards[0] }, { lang: 'en' })).toBe(
        'own card own picture',
      );
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
