import { createRequire } from 'node:module';
import { terms } from './tokenize.ts';

// Which stemmer a word gets. In an English or Russian text (and in a query whose language is not
// known) the word's script decides: a Russian article quoting "Reporters Without Borders" gets
// English stems for those words, exactly as a query typed in Latin letters does, so the two meet.
// Texts in other languages are only folded: a wrong stemmer is worse than none.

const STEMMED_LANGUAGES = new Set(['en', 'ru']);
const LATIN_WORD = /^[\p{Script=Latin}\p{Nd}]+$/u;
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}\p{Nd}]+$/u;
const HAS_LETTER = /\p{L}/u;

// The stemmers' code (some 850 KB of source a process keeps) is loaded at the first word stemmed:
// a web process that never indexes or searches does without it.
type Stemmer = ReturnType<typeof import('snowball-stemmers').newStemmer>;
let stemmers: { english: Stemmer; russian: Stemmer } | undefined;
function loadStemmers() {
  const snowball = createRequire(import.meta.url)('snowball-stemmers') as typeof import('snowball-stemmers');
  return { english: snowball.newStemmer('english'), russian: snowball.newStemmer('russian') };
}

// Word frequencies are Zipfian, so a small cache saves most stemmer calls when indexing. Two
// generations: when the young one fills, it becomes the old one, so frequent words survive the
// turnover instead of all being forgotten at once.
const CACHE_LIMIT = 50_000;
let cache = new Map<string, string>();
let previous = new Map<string, string>();

/** 'en-GB' → 'en'; undefined, '' and 'und' mean "not known". */
export function baseLanguage(language: string | null | undefined): string | undefined {
  const base = language?.trim().toLowerCase().split(/[-_]/)[0];
  return base && base !== 'und' ? base : undefined;
}

/** Whether terms of this language are stemmed (by script) or only folded. Unknown → stemmed. */
export function isStemmedLanguage(language: string | null | undefined): boolean {
  const base = baseLanguage(language);
  return base === undefined || STEMMED_LANGUAGES.has(base);
}

/** Stem one folded term by its script: Latin → English, Cyrillic → Russian, anything else as is. */
export function stemByScript(term: string): string {
  if (!HAS_LETTER.test(term)) return term;
  const cached = cache.get(term);
  if (cached !== undefined) return cached;
  const older = previous.get(term);
  if (older !== undefined) {
    remember(term, older);
    return older;
  }
  let stem = term;
  if (LATIN_WORD.test(term)) stem = (stemmers ??= loadStemmers()).english.stem(term);
  else if (CYRILLIC_WORD.test(term)) stem = (stemmers ??= loadStemmers()).russian.stem(term);
  // A stemmer never returns nothing for a word, but the index must never receive an empty term.
  if (stem.length === 0) stem = term;
  remember(term, stem);
  return stem;
}

function remember(term: string, stem: string): void {
  if (cache.size >= CACHE_LIMIT) {
    previous = cache;
    cache = new Map();
  }
  cache.set(term, stem);
}

/** The index form of one folded term in a text of the given language. */
export function stemTerm(term: string, language: string | null | undefined): string {
  return isStemmedLanguage(language) ? stemByScript(term) : term;
}

/** Split, fold and stem a text the way the index stores it. */
export function stemTerms(text: string, language: string | null | undefined, limit = Infinity): string[] {
  const stemmed = isStemmedLanguage(language);
  return terms(text, limit).map((t) => (stemmed ? stemByScript(t) : t));
}
