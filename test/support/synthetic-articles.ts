// Deterministic fake articles in English, Russian and German, with inflected words, for the
// parity test and the benchmark. Same seed, same articles.
import type { IndexableArticle } from '../../src/modules/search/search-index.ts';
import { seededRandom as random } from '../../src/lib/seeded-random.ts';

export interface SyntheticArticle extends IndexableArticle {
  status: 'published' | 'draft';
  publishedAt: string;
}

/** The articles-table row for a synthetic article: search reads its text, not its tree. */
export function syntheticArticleRow(a: SyntheticArticle) {
  return {
    id: a.id,
    slug: a.id,
    language: a.language,
    title: a.title,
    standfirst: a.standfirst,
    body: '{}',
    body_text: a.bodyText,
    status: a.status,
    published_at: a.publishedAt,
    created_at: a.publishedAt,
    updated_at: a.publishedAt,
    seo_title: '',
    seo_description: '',
    version: 1,
  };
}

const VOCABULARY: Record<string, string[]> = {
  en: [
    'journalist journalists journalism',
    'publish published publishing publishes publication',
    'censor censored censorship censors',
    'election elections elected electing',
    'protest protests protested protesters',
    'report reports reported reporting reporter',
    'court courts',
    'prison prisons prisoner prisoners imprisoned',
    'war wars',
    'border borders',
    'government governments governing',
    'investigate investigation investigations investigated',
    'newsroom newsrooms',
    'the a of and in to for with on against under',
    'exile exiled',
    'budget budgets',
    'river rivers flood floods flooded',
    'minister ministers ministry',
    'leak leaks leaked',
    'source sources',
  ],
  ru: [
    'журналист журналиста журналисту журналистом журналисты журналистов журналистами',
    'свобода свободы свободе свободой',
    'цензура цензуры цензуре цензурой',
    'выборы выборов выборах',
    'протест протесты протестов протестующие',
    'суд суда суде судом суды',
    'тюрьма тюрьмы тюрьме заключённые',
    'война войны войне войной',
    'граница границы границе',
    'власти власть властей',
    'расследование расследования расследованием',
    'редакция редакции редакцией',
    'и в на с о по за под против',
    'эмиграция эмиграции',
    'бюджет бюджета бюджете',
    'река реки наводнение',
    'министр министра министерство',
    'утечка утечки',
    'источник источники источников',
    'ёлка ещё',
  ],
  de: [
    'zeitung zeitungen',
    'journalist journalisten',
    'zensur',
    'wahl wahlen',
    'gericht gerichte',
    'krieg',
    'regierung',
    'die der das und in mit gegen',
    'redaktion redaktionen',
    'grenze grenzen',
  ],
};

function pick<T>(rnd: () => number, items: T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

const SYLLABLES: Record<string, string[]> = {
  latin: 'ka lo mi ne su ta ri vo be da gor lin pet san mar tel vik'.split(' '),
  cyrillic: 'ка ло ми не су та ри во бе да гор лин пет сан мар тел вик'.split(' '),
};
const SUFFIXES: Record<string, string[]> = {
  en: ['', 's', 'ed', 'ing'],
  ru: ['', 'а', 'ом', 'ами', 'ов'],
  de: ['', 'en'],
};

/** Names, places and rarer words: each occurs in a few percent of articles, not in most. */
export function rareWords(language: string, count = 3_000, seed = 1): string[] {
  const rnd = random(seed + language.length);
  const syllables = SYLLABLES[language === 'ru' ? 'cyrillic' : 'latin']!;
  return Array.from({ length: count }, (_, i) => {
    let word = '';
    for (let n = 0; n < 2 + (i % 3); n++) word += pick(rnd, syllables);
    return word + pick(rnd, SUFFIXES[language] ?? ['']);
  });
}

function sentence(rnd: () => number, words: string[], rare: string[], length: number): string {
  const out = Array.from({ length }, () => pick(rnd, rnd() < 0.3 ? rare : words));
  const first = out[0]!;
  out[0] = first[0]!.toUpperCase() + first.slice(1);
  return `${out.join(' ')}.`;
}

/** `count` articles; about one in seven is a draft. */
export function syntheticArticles(count: number, options: { seed?: number; bodyWords?: number } = {}) {
  const rnd = random(options.seed ?? 42);
  const bodyWords = options.bodyWords ?? 120;
  const languages = ['en', 'en', 'ru', 'ru', 'de'];
  const rareByLanguage = Object.fromEntries(languages.map((l) => [l, rareWords(l)]));
  const out: SyntheticArticle[] = [];
  for (let i = 0; i < count; i++) {
    const language = languages[i % languages.length]!;
    const words = vocabulary(language);
    const rare = rareByLanguage[language]!;
    const sentences: string[] = [];
    for (let n = 0; n < bodyWords; n += 12) sentences.push(sentence(rnd, words, rare, 12));
    out.push({
      id: `a${String(i).padStart(6, '0')}`,
      language,
      title: sentence(rnd, words, rare, 6),
      standfirst: sentence(rnd, words, rare, 15),
      bodyText: sentences.join(' '),
      status: rnd() < 1 / 7 ? 'draft' : 'published',
      publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    });
  }
  return out;
}

function vocabulary(language: string): string[] {
  return VOCABULARY[language]!.flatMap((group) => group.split(' '));
}

/**
 * Queries over the synthetic vocabulary: single words, pairs and word starts. `broad` ones use the
 * common words found in half the articles; `narrow` ones the rare words.
 */
export function syntheticQueries(count: number, kind: 'broad' | 'narrow', seed = 7): string[] {
  const rnd = random(seed);
  const languages = Object.keys(VOCABULARY);
  const all = languages.flatMap((l) => (kind === 'broad' ? vocabulary(l) : rareWords(l)));
  return Array.from({ length: count }, (_, i) => {
    const first = pick(rnd, all);
    if (i % 3 === 0) return first;
    if (i % 3 === 1) return `${first} ${pick(rnd, all)}`;
    return first.slice(0, Math.max(3, first.length - 2));
  });
}
