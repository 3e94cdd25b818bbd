import type { ImportWarning } from './import-warnings.ts';

// <svg> and <math> are "foreign content" in HTML: browsers parse them by rules of their own, and
// happy-dom gets those rules wrong where it matters. A <style> or <script> inside an <svg>
// swallowed the rest of the document, and an unclosed <svg> or <math> took every following
// paragraph into the drawing, where the cleaner dropped it: the article lost its end and the API
// still answered 201. So before any DOM sees the HTML, each svg/math block is found in the source
// by the browser's rules and replaced by a <span> holding the text a reader would have seen in it.

const FOREIGN = /^(svg|math)$/i;

/**
 * HTML start tags that end foreign content, as in the HTML standard's "any other start tag" rule
 * for foreign content: a <p> inside an unclosed <svg> is a paragraph of the article again.
 */
const BREAKOUT = new Set(
  (
    'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li ' +
    'listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var'
  ).split(' '),
);

/** Element names of SVG and MathML, whose end tags stay inside a drawing or formula. */
const FOREIGN_NAMES = new Set(
  (
    'svg g defs desc title metadata symbol use switch path rect circle ellipse line polyline polygon ' +
    'text tspan textpath lineargradient radialgradient stop clippath mask pattern marker image a style ' +
    'script foreignobject filter view animate animatemotion animatetransform set mpath ' +
    'math semantics annotation annotation-xml mrow mi mo mn ms mtext mspace msub msup msubsup munder ' +
    'mover munderover mfrac msqrt mroot mstyle merror mpadded mphantom mfenced menclose mtable mtr mtd ' +
    'mlabeledtr maction mmultiscripts mprescripts none'
  ).split(' '),
);

/** HTML elements whose content is raw text: an "<svg>" inside a <script> is no drawing. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/** Parts of a drawing or formula that are never shown as text. */
const HIDDEN_IN_FOREIGN =
  /<(script|style|title|desc|metadata|annotation|annotation-xml)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;

// Comments; CDATA; end tags; start tags (attribute values may hold ">"); everything else is text.
// Every scan that can fail stops at the next "<", so hostile input costs linear time.
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\/([A-Za-z][^\s/>]*)[^<>]*>|<([A-Za-z][^\s/>]*)(?:[^<>"']|"[^"<]*"|'[^'<]*')*>/g;

const escapeText = (s: string) =>
  s
    .replace(/&(?![#A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** The text a reader sees in a drawing or formula: <text> in SVG, the symbols in MathML. */
function visibleText(source: string): string {
  return source
    .replace(HIDDEN_IN_FOREIGN, ' ')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, (_, text: string) => escapeText(text))
    .replace(/<\/(text|tspan|textPath|mrow|mtr|mtd|p)\s*>/gi, ' ')
    .replace(/<[^>]*>?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Replaces every <svg> and <math> block of `html` with a <span> of its visible text, ending each
 * block where a browser would (its matching end tag, an HTML start tag that breaks out of it, or
 * the end of the input). Adds one warning per kind of block replaced.
 */
export function foreignContentAsText(html: string, warnings: ImportWarning[]): string {
  if (!/<(svg|math)\b/i.test(html)) return html;
  const out: string[] = [];
  let copiedTo = 0;
  let rawUntil: string | undefined; // inside <script> and the like: looking for its end tag only
  let block: { name: string; start: number; depth: number } | undefined;
  const replaced = new Map<string, number>();

  const closeBlock = (end: number) => {
    const b = block!;
    const text = visibleText(html.slice(b.start, end));
    // Spaced: a drawing is a box of its own, its words never run into the words beside it.
    out.push(html.slice(copiedTo, b.start), text ? ` <span>${text}</span> ` : '');
    copiedTo = end;
    replaced.set(b.name, (replaced.get(b.name) ?? 0) + 1);
    block = undefined;
  };

  for (const m of html.matchAll(TOKEN)) {
    const [tag, endName, startName] = m;
    const at = m.index;
    if (rawUntil !== undefined) {
      if (endName?.toLowerCase() === rawUntil) rawUntil = undefined;
      continue;
    }
    if (!block) {
      if (startName && FOREIGN.test(startName)) {
        block = { name: startName.toLowerCase(), start: at, depth: 1 };
        if (tag.endsWith('/>')) closeBlock(at + tag.length);
      } else if (startName && RAW_TEXT.has(startName.toLowerCase()) && !tag.endsWith('/>')) {
        rawUntil = startName.toLowerCase();
      }
      continue;
    }
    // Inside a drawing or formula.
    const start = startName?.toLowerCase();
    const end = endName?.toLowerCase();
    if (start && (BREAKOUT.has(start) || (start === 'font' && /\s(color|face|size)\s*=/i.test(tag)))) {
      closeBlock(at);
      if (RAW_TEXT.has(start)) rawUntil = start;
    } else if (end === 'p' || end === 'br' || (end && end !== block.name && !FOREIGN_NAMES.has(end))) {
      // An end tag of an HTML element (</li>, </td>, </div>) closes the drawing along with that
      // element, when it is open; browsers ignore it otherwise, but ending here keeps all text.
      closeBlock(at);
    } else if (start === block.name && !tag.endsWith('/>')) {
      block.depth++;
    } else if (end === block.name && --block.depth === 0) {
      closeBlock(at + tag.length);
    }
  }
  if (block) closeBlock(html.length);
  out.push(html.slice(copiedTo));
  for (const [name, count] of replaced) {
    warnings.push({
      code: 'replaced_by_text',
      element: name,
      count,
      message:
        name === 'svg'
          ? `${count === 1 ? 'an <svg> drawing was' : `${count} <svg> drawings were`} replaced by the text shown in it`
          : `${count === 1 ? 'a <math> formula was' : `${count} <math> formulas were`} replaced by its text`,
    });
  }
  return out.join('');
}
