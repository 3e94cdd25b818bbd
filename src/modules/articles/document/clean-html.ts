import { parseFragment } from './html-window.ts';
import type { ImportWarning } from './import-warnings.ts';

// First pass over untrusted HTML, before TipTap sees it: re-serialises the DOM keeping only the
// elements and attributes a parse rule can use. Done iteratively, because ProseMirror's parser
// recurses once per nesting level and a few thousand nested <div>s overflow the stack; here
// nesting deeper than MAX_HTML_DEPTH is unwrapped (the tags go, the text stays).
// Before that, a rough scan drops tags nested beyond MAX_SCAN_DEPTH from the source text: without
// it, 200,000 nested <blockquote>s ran the process out of memory.

export const MAX_HTML_DEPTH = 100;
const MAX_SCAN_DEPTH = 256;

/** Elements that hold no article text (code, page furniture): dropped with what is inside them. */
const DROP = new Set('script style head title meta link base input frame frameset'.split(' '));

/**
 * Elements dropped too, but reported when they held text, so nothing goes unnoticed: text a reader
 * does not normally see (scripting is on, the media plays, the dialog is closed), and form
 * controls, whose labels ("Donate now", "USD") are page furniture, not article text. A <form>
 * itself is not dropped: the paragraphs around its controls are the article's.
 * svg and math were replaced by their text before (foreign-content.ts); this is the backstop.
 */
const DROP_REPORTED = new Set(
  (
    'noscript template datalist canvas audio video object embed applet dialog svg math ' +
    'button select option optgroup textarea output'
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

function serialize(body: Element, warnings: ImportWarning[]): string {
  const out: string[] = [];
  const removed = new Map<string, { count: number; text: string }>();
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
    if (DROP_REPORTED.has(el.localName)) {
      // A template's content lives in a fragment of its own, outside textContent.
      const holder = el.localName === 'template' ? (el as HTMLTemplateElement).content : el;
      const text = (holder.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) {
        const seen = removed.get(el.localName);
        if (seen) seen.count++;
        else removed.set(el.localName, { count: 1, text: text.slice(0, 100) });
      }
      continue;
    }
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
  for (const [element, { count, text }] of removed) {
    warnings.push({
      code: 'removed',
      element,
      count,
      text,
      message: `${count === 1 ? `a <${element}> element` : `${count} <${element}> elements`} holding text that readers do not normally see ${count === 1 ? 'was' : 'were'} removed`,
    });
  }
  return out.join('');
}

/**
 * Untrusted HTML in, HTML with only parse-rule-relevant elements and attributes out. What it
 * removes that held text is reported in `warnings`.
 */
export function cleanHtml(html: string, warnings: ImportWarning[] = []): string {
  return serialize(parseFragment(limitNesting(html)) as unknown as Element, warnings);
}
