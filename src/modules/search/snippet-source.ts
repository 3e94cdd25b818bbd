// What a search snippet is cut from: the article's words and nothing else. The stored plain text
// (articles/document/render-text.ts) marks structure for feeds and email ("> " before a quotation,
// "- " before a list item, "text (url)" for a link, "[Photo: …]"), and text that came in through
// an import or an API client may still carry markup as characters ("&amp;", "<b>", "**bold**").
// None of that is the reader's business in a list of results.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
};

function codePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff)
    ? String.fromCodePoint(n)
    : '';
}

/** "&amp;amp;" is "&" escaped twice: decode until nothing changes (a few rounds at most). */
function decodeEntities(text: string): string {
  let out = text;
  for (let round = 0; round < 3; round++) {
    const next = out.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
      if (name[0] === '#') {
        return codePoint(
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
        );
      }
      return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    });
    if (next === out) break;
    out = next;
  }
  return out;
}

/** The words of `text` without markup or the plain text's structure markers. */
export function snippetSource(text: string): string {
  const lines = decodeEntities(text)
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, ' ')
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s*(?:>\s?)+/, '')
        .replace(/^\s*(?:\*\s*){3,}$/, '')
        .replace(/^\s*(?:[-*+•]|\d{1,4}[.)])\s+/, '')
        .replace(/^\s*#{1,6}\s+/, ''),
    );
  return (
    lines
      .join('\n')
      .replace(/\[(?:Photo|Фото)(?::\s*([^\]]*))?\]/g, (_, caption: string | undefined) => caption ?? '')
      .replace(/\s\((?:https?:\/\/|mailto:|\/)[^\s()]*\)/g, '')
      .replace(/\*\*|__|~~|`+/g, '')
      .replace(/(^|[\s(])[*_](?=\S)([^*_\n]*?\S)[*_](?=[\s.,;:!?)]|$)/g, '$1$2')
      // Whatever "<" or ">" is left belongs to no word a reader searched for.
      .replace(/[<>]/g, ' ')
      .replace(/[ \t]+/g, ' ')
  );
}
