import { parseFragment } from './html-window.ts';

// First pass over untrusted HTML, before TipTap sees it: re-serialises the DOM keeping only the
// elements and attributes a parse rule can use. Done iteratively, because ProseMirror's parser
// recurses once per nesting level and a few thousand nested <div>s overflow the stack; here
// nesting deeper than MAX_HTML_DEPTH is unwrapped (the tags go, the text stays).
// Before that, a rough scan drops tags nested beyond MAX_SCAN_DEPTH from the source text: without
// it, 200,000 nested <blockquote>s ran the process out of memory.

export const MAX_HTML_DEPTH = 100;
const MAX_SCAN_DEPTH = 256;

/** Elements that never hold article text: dropped together with everything inside them. */
const DROP = new Set(
  (
    'script style noscript template head title meta link base form button input select option optgroup ' +
    'textarea datalist output svg math canvas audio video object embed applet frame frameset dialog'
  ).split(' '),
);

/**
 * Attributes the parse rules read. `style` stays for the parser only (it tells bold from
 * `<b style="font-weight:normal">` in pasted Google Docs); the schema stores no style at all.
 */
const KEEP_ATTRS = new Set([
  ...'href src alt title class style start type'.split(' '),
  ...'data-provider data-url data-title data-attribution data-media-id'.split(' '),
]);

const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'source', 'track', 'wbr']);

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => TEXT_ESCAPES[c] as string);

// Elements that a sibling closes implicitly: they do not nest in practice, so do not count them.
const NOT_NESTING = new Set([...'p li dt dd tr td th option input meta link base embed'.split(' '), ...VOID]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;

/**
 * Drops start and end tags nested more than MAX_SCAN_DEPTH deep, by a regex scan of the source.
 * Rough on purpose (it over-counts unclosed tags, so it may flatten a little too early): it only
 * has to keep pathological input from reaching the DOM parser, and it only ever removes tags.
 */
export function limitNesting(html: string): string {
  const open: Array<{ name: string; dropped: boolean }> = [];
  return html.replace(TAG, (tag, slash: string, rawName: string) => {
    const name = rawName.toLowerCase();
    if (slash) {
      const top = open[open.length - 1];
      if (top?.name !== name) return tag;
      open.pop();
      return top.dropped ? '' : tag;
    }
    if (NOT_NESTING.has(name) || tag.endsWith('/>')) return tag;
    const dropped = open.length >= MAX_SCAN_DEPTH;
    open.push({ name, dropped });
    return dropped ? '' : tag;
  });
}

type Step = { node: Node; depth: number } | { close: string };

/**
 * The schema has no tables: a row becomes a paragraph with its cells separated by " | ", rather
 * than all cells run together into one word salad.
 */
const TABLE_AS: Record<string, string> = {
  table: 'div',
  thead: 'div',
  tbody: 'div',
  tfoot: 'div',
  caption: 'p',
  tr: 'p',
};
const CELL = new Set(['td', 'th']);

function openTag(el: Element, name: string): string {
  let out = `<${name}`;
  for (const attr of Array.from(el.attributes)) {
    if (KEEP_ATTRS.has(attr.name)) out += ` ${attr.name}="${escape(attr.value)}"`;
  }
  return `${out}>`;
}

function serialize(body: Element): string {
  const out: string[] = [];
  const stack: Step[] = Array.from(body.childNodes)
    .reverse()
    .map((node) => ({ node, depth: 1 }));
  while (stack.length) {
    const step = stack.pop() as Step;
    if ('close' in step) {
      out.push(step.close);
      continue;
    }
    const { node, depth } = step;
    if (node.nodeType === 3) out.push(escape(node.nodeValue ?? ''));
    if (node.nodeType !== 1) continue; // comments, processing instructions
    const el = node as Element;
    if (DROP.has(el.localName)) continue;
    if (
      CELL.has(el.localName) &&
      el.previousElementSibling &&
      CELL.has(el.previousElementSibling.localName)
    ) {
      out.push(' | ');
    }
    const name = CELL.has(el.localName) ? 'span' : (TABLE_AS[el.localName] ?? el.localName);
    const keepTag = depth <= MAX_HTML_DEPTH;
    if (keepTag) out.push(openTag(el, name));
    if (VOID.has(name)) continue;
    if (keepTag) stack.push({ close: `</${name}>` });
    // An iframe's children are fallback text for browsers without frames: never content.
    if (name === 'iframe') continue;
    const children = Array.from(el.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i] as Node, depth: keepTag ? depth + 1 : depth });
    }
  }
  return out.join('');
}

/** Untrusted HTML in, HTML with only parse-rule-relevant elements and attributes out. */
export function cleanHtml(html: string): string {
  return serialize(parseFragment(limitNesting(html)) as unknown as Element);
}
