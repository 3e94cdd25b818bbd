import { resolveEmbed } from './embed-providers.ts';
import { clampHeadingLevel } from './heading.node.ts';
import { safeImageSrc, safeLinkHref } from './url-rules.ts';

// The second line of defence after the schema's parse rules: walks the JSON that generateJSON
// produced and rebuilds it from what we allow, so a gap in a parse rule (or in TipTap) cannot let
// an attribute or URL through. It also flattens absurd nesting: below MAX_NESTING levels of
// blockquotes and lists, the text is kept as flat paragraphs.

export const MAX_NESTING = 8;

interface Json {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: Json[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

const SIMPLE_MARKS = new Set(['bold', 'italic', 'strike', 'code']);
const CONTAINERS = new Set(['blockquote', 'bulletList', 'orderedList']);
const ORDERED_LIST_TYPES = new Set(['1', 'a', 'A', 'i', 'I']);
const EMPTY_PARAGRAPH: Json = { type: 'paragraph' };

const str = (value: unknown, max = 2000): string => (typeof value === 'string' ? value.slice(0, max) : '');

function marks(input: Json['marks']): Json['marks'] {
  const out: NonNullable<Json['marks']> = [];
  for (const mark of input ?? []) {
    if (SIMPLE_MARKS.has(mark.type)) out.push({ type: mark.type });
    if (mark.type === 'link') {
      const href = safeLinkHref(mark.attrs?.href);
      if (href !== null) out.push({ type: 'link', attrs: { href } });
    }
  }
  return out.length ? out : undefined;
}

function inline(content: Json[] | undefined): Json[] | undefined {
  const out: Json[] = [];
  for (const node of content ?? []) {
    const m = marks(node.marks);
    if (node.type === 'text' && node.text)
      out.push(m ? { type: 'text', text: node.text, marks: m } : { type: 'text', text: node.text });
    if (node.type === 'hardBreak') out.push(m ? { type: 'hardBreak', marks: m } : { type: 'hardBreak' });
  }
  return out.length ? out : undefined;
}

function withContent(node: Json, content: Json[] | undefined): Json {
  return content ? { ...node, content } : node;
}

/** A block that holds no other blocks, rebuilt from allowed parts; null when it must go. */
function leafBlock(node: Json): Json | null {
  const a = node.attrs ?? {};
  switch (node.type) {
    case 'paragraph':
      return withContent({ type: 'paragraph' }, inline(node.content));
    case 'heading':
      return withContent(
        { type: 'heading', attrs: { level: clampHeadingLevel(a.level) } },
        inline(node.content),
      );
    case 'horizontalRule':
      return { type: 'horizontalRule' };
    case 'pullQuote': {
      const text = (node.content ?? []).map((n) => str(n.text, Infinity)).join('');
      const attribution = str(a.attribution) || null;
      return withContent(
        { type: 'pullQuote', attrs: { attribution } },
        text ? [{ type: 'text', text }] : undefined,
      );
    }
    case 'figure': {
      const src = safeImageSrc(a.src);
      if (src === null) return null;
      const mediaId = str(a.media_id, 200) || null;
      return {
        type: 'figure',
        attrs: { src, alt: str(a.alt), caption: str(a.caption), credit: str(a.credit), media_id: mediaId },
      };
    }
    case 'embed': {
      const resolved = resolveEmbed(a.url);
      return resolved ? { type: 'embed', attrs: { ...resolved, title: str(a.title) } } : null;
    }
    default:
      return null;
  }
}

/** The leaf blocks under `node`, in reading order, without recursion (the input may be deep). */
function flatten(node: Json): Json[] {
  const out: Json[] = [];
  const stack: Json[] = [node];
  while (stack.length) {
    const next = stack.pop() as Json;
    if (next.type && (CONTAINERS.has(next.type) || next.type === 'listItem')) {
      for (let i = (next.content ?? []).length - 1; i >= 0; i--)
        stack.push((next.content as Json[])[i] as Json);
      continue;
    }
    const leaf = leafBlock(next);
    if (leaf) out.push(leaf);
  }
  return out;
}

function listItems(content: Json[] | undefined, depth: number): Json[] {
  const items: Json[] = [];
  for (const item of content ?? []) {
    if (item.type !== 'listItem') continue;
    const children = blocks(item.content, depth);
    // A list item starts with a paragraph (schema: "paragraph block*").
    if (children[0]?.type !== 'paragraph') children.unshift(EMPTY_PARAGRAPH);
    items.push({ type: 'listItem', content: children });
  }
  return items;
}

function blocks(content: Json[] | undefined, depth: number): Json[] {
  const out: Json[] = [];
  for (const node of content ?? []) {
    if (!node.type || !CONTAINERS.has(node.type)) {
      const leaf = leafBlock(node);
      if (leaf) out.push(leaf);
    } else if (depth >= MAX_NESTING) {
      out.push(...flatten(node));
    } else if (node.type === 'blockquote') {
      const children = blocks(node.content, depth + 1);
      out.push({ type: 'blockquote', content: children.length ? children : [EMPTY_PARAGRAPH] });
    } else {
      const items = listItems(node.content, depth + 1);
      if (items.length === 0) continue;
      if (node.type === 'bulletList') out.push({ type: 'bulletList', content: items });
      else out.push({ type: 'orderedList', attrs: orderedListAttrs(node.attrs ?? {}), content: items });
    }
  }
  return out;
}

function orderedListAttrs(a: Record<string, unknown>): { start: number; type: string | null } {
  const start =
    typeof a.start === 'number' && Number.isInteger(a.start) && Math.abs(a.start) <= 1_000_000 ? a.start : 1;
  const type = typeof a.type === 'string' && ORDERED_LIST_TYPES.has(a.type) ? a.type : null;
  return { start, type };
}

/** Rebuilds a parsed document from allowed parts only. Never throws on odd input. */
export function sanitizeParsedTree(doc: unknown): { type: 'doc'; content: unknown[] } {
  const root = (typeof doc === 'object' && doc !== null ? doc : {}) as Json;
  const content = blocks(root.content, 0);
  return { type: 'doc', content: content.length ? content : [EMPTY_PARAGRAPH] };
}
