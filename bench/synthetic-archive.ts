// A large, deterministic, plausible-looking archive for benchmarks: made-up English-like and
// Russian-like words (real function words, Zipf-distributed vocabulary, inflected endings the
// Snowball stemmers fold), grouped into story topics so that relatedness and search have real
// structure, with tags, a few drafts, scheduled and unpublished articles, and the search index
// filled. Same options, same archive. Used by bench/related.bench.ts and the page benchmark.
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.ts';
import type { ArticleStatus, ArticlesTable, ArticleTagsTable, TagsTable } from '../src/db/schema.ts';
import { indexArticle } from '../src/modules/search/index.ts';
import { slugify } from '../src/lib/slug.ts';
import { seededRandom } from '../src/lib/seeded-random.ts';

export interface SyntheticArchiveOptions {
  count: number;
  /** Each article's language is drawn from this list (repeat an entry to weight it). Default en, ru. */
  languages?: readonly string[];
  /** How many tags to create. Default 40. */
  tags?: number;
  /** Default 1. */
  seed?: number;
  /** Mean body length in words. Default 350. */
  bodyWords?: number;
  /** Publication dates spread over this many days up to `until`. Default 3650. */
  spanDays?: number;
  /** Default 2026-11-01T00:00:00.000Z. */
  until?: string;
  /** Articles per transaction. Default 500. */
  batchSize?: number;
}

export interface SyntheticArchiveArticle {
  id: string;
  slug: string;
  language: string;
  status: ArticleStatus;
  publishedAt: string | null;
  /** The story cluster it was written from: articles sharing it are related by construction. */
  topic: number;
  tagIds: string[];
}

export interface SyntheticArchive {
  articles: SyntheticArchiveArticle[];
  tags: Array<{ id: string; slug: string; name: string }>;
  seconds: number;
}

interface LanguageKit {
  function: string[];
  onsets: string[];
  vowels: string[];
  codas: string[];
  endings: string[];
}

const KITS: Record<string, LanguageKit> = {
  en: {
    function: 'the of and to in a that for on with as was by at from is it his her they said but not'.split(
      ' ',
    ),
    onsets: 'b br c ch cl d dr f fl g gr h j k l m n p pl pr r s sh sk sl st t th tr v w'.split(' '),
    vowels: 'a e i o u a e i o ea ou'.split(' '),
    codas: ' n r l s t nd rt st ck m ng'.split(' '),
    endings: ['', '', '', 's', 's', 'ed', 'ing'],
  },
  ru: {
    function: 'и в на с по что не о за из к для от как это но он она они был'.split(' '),
    onsets: 'б в г д ж з к л м н п р с т ф х ц ч ш ст пр кр др гл св'.split(' '),
    vowels: 'а е и о у ы я ю'.split(' '),
    codas: ' н р л с т к в м'.split(' '),
    endings: ['', 'а', 'а', 'ы', 'ой', 'ов', 'ами'],
  },
};

const VOCABULARY_SIZE = 20_000;
const TOPIC_WORDS = 14;

interface Language {
  code: string;
  kit: LanguageKit;
  /** Stems by frequency rank, most frequent first. */
  stems: string[];
  topics: Array<{ words: string[]; tags: number[] }>;
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

/** A rank from a Zipf-like (log-uniform) distribution over 0..size-1. */
function zipfRank(rnd: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(rnd() * Math.log(size + 1))) - 1);
}

function buildLanguage(code: string, rnd: () => number, topicCount: number, tagCount: number): Language {
  const kit = KITS[code] ?? KITS.en!;
  const seen = new Set<string>(kit.function);
  const stems: string[] = [];
  while (stems.length < VOCABULARY_SIZE) {
    let word = '';
    const r = rnd();
    const syllables = r < 0.3 ? 1 : r < 0.85 ? 2 : 3;
    for (let s = 0; s < syllables; s++) word += pick(rnd, kit.onsets) + pick(rnd, kit.vowels);
    word += pick(rnd, kit.codas);
    if (word.length >= 3 && !seen.has(word)) {
      seen.add(word);
      stems.push(word);
    }
  }
  // Topic words come from the middle and tail of the vocabulary: distinctive, not rare typos.
  const topics = Array.from({ length: topicCount }, () => ({
    words: Array.from(
      { length: TOPIC_WORDS },
      () => stems[300 + Math.floor(rnd() * (VOCABULARY_SIZE - 300))]!,
    ),
    tags: [Math.floor(rnd() * tagCount), Math.floor(rnd() * tagCount)],
  }));
  return { code, kit, stems, topics };
}

function word(rnd: () => number, lang: Language, topicWords: string[], topicShare: number): string {
  const r = rnd();
  if (r < 0.3) return pick(rnd, lang.kit.function);
  const stem = r < 0.3 + topicShare ? pick(rnd, topicWords) : lang.stems[zipfRank(rnd, VOCABULARY_SIZE)]!;
  return stem + pick(rnd, lang.kit.endings);
}

function sentence(rnd: () => number, lang: Language, topic: string[], share: number, length: number): string {
  const words = Array.from({ length }, () => word(rnd, lang, topic, share));
  const first = words[0]!;
  words[0] = first[0]!.toUpperCase() + first.slice(1);
  return `${words.join(' ')}.`;
}

function uuid(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rnd() * 4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function statusFor(rnd: () => number): ArticleStatus {
  const r = rnd();
  if (r < 0.02) return 'draft';
  if (r < 0.03) return 'scheduled';
  if (r < 0.04) return 'unpublished';
  return 'published';
}

/** Create `count` articles (and `tags` tags) in the database and index them for search. */
export async function generateSyntheticArchive(
  db: Db,
  options: SyntheticArchiveOptions,
): Promise<SyntheticArchive> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const rnd = seededRandom(seed);
  const codes = options.languages?.length ? options.languages : ['en', 'ru'];
  const tagCount = Math.max(1, options.tags ?? 40);
  const bodyWords = options.bodyWords ?? 350;
  const spanMs = (options.spanDays ?? 3650) * 86_400_000;
  const until = Date.parse(options.until ?? '2026-11-01T00:00:00.000Z');
  const batchSize = options.batchSize ?? 500;
  const topicCount = Math.max(10, Math.round(options.count / codes.length / 80));
  const languages = new Map<string, Language>();
  for (const code of new Set(codes)) languages.set(code, buildLanguage(code, rnd, topicCount, tagCount));

  const tagNames = buildLanguage('en', seededRandom(seed + 1), 0, 1).stems;
  const tagRows: TagsTable[] = Array.from({ length: tagCount }, (_, i) => ({
    id: uuid(rnd),
    name: tagNames[1000 + i]![0]!.toUpperCase() + tagNames[1000 + i]!.slice(1),
    slug: `synthetic-${seed}-${tagNames[1000 + i]}`,
    description: '',
    is_section: i < 6 ? 1 : 0,
    nav_order: i < 6 ? i : null,
    created_at: new Date(until - spanMs).toISOString(),
    updated_at: new Date(until - spanMs).toISOString(),
  }));
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < tagRows.length; i += 500) {
      await trx
        .insertInto('tags')
        .values(tagRows.slice(i, i + 500))
        .execute();
    }
  });

  const articles: SyntheticArchiveArticle[] = [];
  for (let start = 0; start < options.count; start += batchSize) {
    const rows: ArticlesTable[] = [];
    const tagLinks: ArticleTagsTable[] = [];
    for (let i = start; i < Math.min(options.count, start + batchSize); i++) {
      const lang = languages.get(pick(rnd, codes))!;
      const topicIndex = Math.floor(rnd() * lang.topics.length);
      const topic = lang.topics[topicIndex]!;
      const title = sentence(rnd, lang, topic.words, 0.45, 5 + Math.floor(rnd() * 5)).slice(0, -1);
      const standfirst = sentence(rnd, lang, topic.words, 0.2, 15 + Math.floor(rnd() * 10));
      const paragraphs: string[] = [];
      const length = Math.round(bodyWords * (0.5 + rnd()));
      for (let n = 0; n < length;) {
        const sentences: string[] = [];
        for (let s = 0; s < 4 && n < length; s++) {
          const words = 8 + Math.floor(rnd() * 12);
          sentences.push(sentence(rnd, lang, topic.words, 0.08, words));
          n += words;
        }
        paragraphs.push(sentences.join(' '));
      }
      const status = statusFor(rnd);
      const at = until - spanMs + Math.floor((spanMs * i) / options.count);
      const publishedAt =
        status === 'draft' ? null : new Date(status === 'scheduled' ? until + 86_400_000 : at);
      const id = uuid(rnd);
      const tagIds = [
        ...new Set([...topic.tags.filter(() => rnd() < 0.7), Math.floor(rnd() * tagCount)]),
      ].map((t) => tagRows[t]!.id);
      // The site's own rule, so Russian titles get transliterated slugs readers can open.
      const slug = `${slugify(title.split(' ').slice(0, 5).join(' '))}-${seed}-${i}`;
      const body = {
        type: 'doc',
        content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
      };
      const iso = new Date(at).toISOString();
      rows.push({
        id,
        slug,
        language: lang.code,
        title,
        standfirst,
        body: JSON.stringify(body),
        body_text: paragraphs.join('\n\n'),
        status,
        published_at: publishedAt?.toISOString() ?? null,
        created_at: iso,
        updated_at: iso,
        translation_group: null,
        seo_title: '',
        seo_description: '',
        canonical_url: null,
        hero_media_id: null,
        version: 1,
      });
      tagIds.forEach((tagId, position) => tagLinks.push({ article_id: id, tag_id: tagId, position }));
      articles.push({
        id,
        slug,
        language: lang.code,
        status,
        publishedAt: rows.at(-1)!.published_at,
        topic: topicIndex,
        tagIds,
      });
    }
    await db.kysely.transaction().execute(async (trx) => {
      // Bound parameters per statement stay well under both databases' limits.
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('articles')
          .values(rows.slice(i, i + 200))
          .execute();
      for (let i = 0; i < tagLinks.length; i += 500) {
        await trx
          .insertInto('article_tags')
          .values(tagLinks.slice(i, i + 500))
          .execute();
      }
      const search = { kysely: trx, dialect: db.dialect };
      for (const r of rows) {
        await indexArticle(search, {
          id: r.id,
          language: r.language,
          title: r.title,
          standfirst: r.standfirst,
          bodyText: r.body_text,
        });
      }
    });
  }
  // What autovacuum would have done by the time an archive is this large: visibility maps (cheap
  // counts through indexes) and planner statistics.
  if (db.dialect === 'postgres') {
    await sql`VACUUM ANALYZE articles, article_tags, tags, article_search`.execute(db.kysely);
  }
  const tags = tagRows.map((t) => ({ id: t.id, slug: t.slug, name: t.name }));
  return { articles, tags, seconds: (performance.now() - started) / 1000 };
}
