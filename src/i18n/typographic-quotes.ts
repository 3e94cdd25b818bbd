// Straight quotes typed into titles and bodies become the page language's own at render time:
// “ ” and ‘ ’ in English, « » and „ “ in Russian. What is stored stays as it was typed, so a
// change of rules (or of language) never needs a rewrite, and search and feeds see the same text.
// The kind of mark follows the nesting depth, the language's rule: "a 'b' c" in English is
// “a ‘b’ c”, in Russian «a „b“ c». An apostrophe between letters is ’ in every language.

interface QuotePairs {
  outer: [string, string];
  inner: [string, string];
}

const QUOTES: Record<string, QuotePairs> = {
  en: { outer: ['“', '”'], inner: ['‘', '’'] },
  ru: { outer: ['«', '»'], inner: ['„', '“'] },
  uk: { outer: ['«', '»'], inner: ['„', '“'] },
  be: { outer: ['«', '»'], inner: ['„', '“'] },
  de: { outer: ['„', '“'], inner: ['‚', '‘'] },
  fr: { outer: ['«\u202f', '\u202f»'], inner: ['“', '”'] },
};

export function quotePairs(language: string): QuotePairs {
  const base = language.toLowerCase().split('-')[0] ?? '';
  return QUOTES[base] ?? QUOTES.en!;
}

const OPENING_CONTEXT = /[\s([{«„“‘‚\u2014\u2013/-]/u;
const LETTER = /[\p{L}\p{N}]/u;

/** The quoting state carried from one text node to the next within a block. */
export interface QuoteState {
  /** Open quotes, innermost last: which straight mark opened each, and its depth. */
  open: Array<{ mark: '"' | "'"; depth: number }>;
  /** The last character written, for deciding whether the next quote opens or closes. */
  previous: string;
}

export const newQuoteState = (): QuoteState => ({ open: [], previous: '' });

function pairAt(pairs: QuotePairs, depth: number): [string, string] {
  return depth % 2 === 0 ? pairs.outer : pairs.inner;
}

/** `text` with its straight quotes made typographic; `state` carries on to the next piece. */
export function quoteText(
  text: string,
  language: string,
  state: QuoteState = newQuoteState(),
  /** More text may follow (an HTML text node before a tag): a quote at the end may open. */
  continues = false,
): string {
  const pairs = quotePairs(language);
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch !== '"' && ch !== "'") {
      out += ch;
      state.previous = ch;
      continue;
    }
    const following = chars[i + 1] ?? '';
    const next = following || (continues ? 'x' : '');
    const opening =
      (state.previous === '' || OPENING_CONTEXT.test(state.previous)) && next !== '' && !/\s/u.test(next);
    let glyph: string;
    if (ch === "'" && LETTER.test(state.previous) && LETTER.test(following)) {
      glyph = '’';
    } else if (ch === "'" && opening && /\p{N}/u.test(following)) {
      glyph = '’'; // elision: ’90s
    } else if (opening) {
      const depth = state.open.length;
      state.open.push({ mark: ch, depth });
      glyph = pairAt(pairs, depth)[0];
    } else {
      const at = state.open.map((o) => o.mark).lastIndexOf(ch);
      if (at >= 0) {
        const [closed] = state.open.splice(at);
        glyph = pairAt(pairs, closed!.depth)[1];
      } else if (ch === "'") {
        glyph = '’';
      } else {
        glyph = pairAt(pairs, 0)[1];
      }
    }
    out += glyph;
    state.previous = glyph;
  }
  return out;
}

/** Elements whose text is left exactly as written. */
const VERBATIM = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea']);
/** Elements that end a run of text: a quote left open never carries past them. */
const BLOCK =
  /^(p|h[1-6]|li|ul|ol|blockquote|figcaption|figure|div|aside|section|article|header|footer|table|tr|td|th|dd|dt|br|hr)$/;

const ENTITY_QUOTES: Record<string, string> = {
  '&quot;': '"',
  '&#34;': '"',
  '&#x22;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&apos;': "'",
};

/**
 * The same for an HTML fragment as the site renders it (escaped text, quoted attributes): only
 * text between tags changes, never a tag, an attribute or a URL, nor anything inside code.
 */
export function quoteHtml(html: string, language: string): string {
  const pieces = html.split(/(<[^>]*>)/);
  let state = newQuoteState();
  let verbatim = 0;
  return pieces
    .map((piece) => {
      if (piece.startsWith('<')) {
        const match = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(piece);
        if (match) {
          const name = match[2]!.toLowerCase();
          if (VERBATIM.has(name) && !piece.endsWith('/>')) verbatim += match[1] ? -1 : 1;
          if (verbatim < 0) verbatim = 0;
          if (BLOCK.test(name)) state = newQuoteState();
        }
        return piece;
      }
      if (verbatim > 0 || piece === '') return piece;
      const raw = piece.replace(/&(quot|#34|#x22|#39|#x27|apos);/g, (e) => ENTITY_QUOTES[e] ?? e);
      if (!raw.includes('"') && !raw.includes("'")) {
        state.previous = [...raw].at(-1) ?? state.previous;
        return piece;
      }
      return quoteText(raw, language, state, true).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    })
    .join('');
}
