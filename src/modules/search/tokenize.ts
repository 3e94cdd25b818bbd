// Word splitting and folding shared by indexing, querying and snippets. The output is what both
// databases store, so it must already be in a form their own tokenizers leave untouched: SQLite's
// unicode61 (remove_diacritics 2) and PostgreSQL's default parser with the `simple` dictionary.

/** Longer "words" are base64, URLs glued together or scripts without spaces: not worth indexing. */
export const MAX_TERM_LENGTH = 64;

/** A word as it appears in the text, with the folded terms it stands for (usually exactly one). */
export interface Token {
  /** Offsets into the text given to tokenize(), end exclusive, in UTF-16 code units. */
  start: number;
  end: number;
  terms: string[];
}

// Marks are part of a word (Russian stress accents, Devanagari vowel signs); foldWord removes them.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const SIMPLE_WORD = /^[a-zA-Z0-9а-яА-ЯёЁ]+$/;
const CYRILLIC_CHAR = /\p{Script=Cyrillic}/u;
const MARKS = /\p{M}/gu;
// Only letters and decimal digits survive folding: PostgreSQL's parser drops many other numbers
// (circled, fractional) that SQLite keeps, and the two indexes must hold the same terms.
const TERM_PART = /[\p{L}\p{Nd}]+/gu;

/**
 * Lowercase a word and fold the differences readers do not type: Latin diacritics (café → cafe,
 * which SQLite would fold on its own but PostgreSQL would not), compatibility forms (ﬁ → fi,
 * ² → 2), stray combining marks (за́мок → замок), ё → е and final sigma. Cyrillic letters keep
 * their identity: й, ї and ў are letters of their own, not и, і and у with an accent.
 */
export function foldWord(word: string): string[] {
  // Fast path for the common case: plain English or Russian words.
  if (SIMPLE_WORD.test(word))
    return word.length <= MAX_TERM_LENGTH ? [word.toLowerCase().replace(/ё/g, 'е')] : [];
  let out = '';
  for (const ch of word.normalize('NFC').toLowerCase()) {
    out += CYRILLIC_CHAR.test(ch) ? ch : ch.normalize('NFKD').replace(MARKS, '');
  }
  out = out.replace(MARKS, '').replace(/ё/g, 'е').replace(/ς/g, 'σ');
  return (out.match(TERM_PART) ?? []).filter((t) => t.length <= MAX_TERM_LENGTH);
}

/** Every word of the text with its position; words that fold to nothing are left out. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const terms = foldWord(m[0]);
    if (terms.length > 0) tokens.push({ start: m.index, end: m.index + m[0].length, terms });
  }
  return tokens;
}

/** The folded terms of the text, in order, at most `limit` of them. */
export function terms(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    for (const t of foldWord(m[0])) {
      if (out.length >= limit) return out;
      out.push(t);
    }
  }
  return out;
}
