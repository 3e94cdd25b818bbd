import { escapeHtml } from '../articles/document/index.ts';
import { embedOrLink } from './wordpress-body.ts';

// Ghost's two stored body formats, Lexical (Ghost 5+) and mobiledoc (Ghost 1–4), made into plain
// HTML for the document model. Cards (image, gallery, embed, html, markdown, bookmark) become
// figures, embeds or links; anything unknown keeps its text. Pure.

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const esc = (v: unknown) => escapeHtml(str(v));

function imageFigure(src: string, alt: string, caption: string): string {
  if (!src) return '';
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

/** Cards both formats share, by name and payload. */
function card(name: string, p: Json): string {
  switch (name) {
    case 'image':
      return imageFigure(str(p.src), str(p.alt ?? p.altText), str(p.caption));
    case 'gallery':
      return arr(p.images)
        .map((i) => imageFigure(str((i as Json).src), str((i as Json).alt), str((i as Json).caption)))
        .join('');
    case 'embed':
    case 'video':
    case 'bookmark':
      return embedOrLink(str(p.url ?? p.src), str((p.metadata as Json | undefined)?.title));
    case 'html':
      return str(p.html);
    case 'markdown':
      return str(p.markdown)
        .split(/\n\s*\n/)
        .map((para) => `<p>${escapeHtml(para.trim())}</p>`)
        .join('');
    case 'callout':
      return `<p>${str(p.calloutText)}</p>`;
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    default:
      return '';
  }
}

// Lexical: text format bits.
const FORMATS: Array<[number, string]> = [
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [16, 'code'],
];

function lexicalNode(node: Json): string {
  const type = str(node.type);
  const children = () =>
    arr(node.children)
      .map((c) => lexicalNode(c as Json))
      .join('');
  switch (type) {
    case 'text':
    case 'extended-text': {
      let out = esc(node.text);
      const format = typeof node.format === 'number' ? node.format : 0;
      for (const [bit, tag] of FORMATS) if (format & bit) out = `<${tag}>${out}</${tag}>`;
      return out;
    }
    case 'linebreak':
      return '<br>';
    case 'link':
      return `<a href="${esc(node.url)}">${children()}</a>`;
    case 'paragraph':
      return `<p>${children()}</p>`;
    case 'heading':
    case 'extended-heading': {
      const tag = /^h[1-6]$/.test(str(node.tag)) ? str(node.tag) : 'h2';
      return `<${tag}>${children()}</${tag}>`;
    }
    case 'quote':
    case 'extended-quote':
    case 'aside':
      return `<blockquote><p>${children()}</p></blockquote>`;
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul';
      return `<${tag}>${children()}</${tag}>`;
    }
    case 'listitem':
      return `<li>${children()}</li>`;
    case 'root':
      return children();
    default:
      if (Array.isArray(node.children)) return children();
      return card(type, node);
  }
}

export function lexicalToHtml(lexical: string): string {
  const parsed = JSON.parse(lexical) as { root?: Json };
  return parsed.root ? lexicalNode(parsed.root) : '';
}

export function mobiledocToHtml(mobiledoc: string): string {
  const doc = JSON.parse(mobiledoc) as Json;
  const markups = arr(doc.markups) as Array<[string, string[]?]>;
  const cards = arr(doc.cards) as Array<[string, Json]>;
  const atoms = arr(doc.atoms) as Array<[string, string, Json]>;
  const markers = (list: unknown[]) => {
    let out = '';
    const open: string[] = [];
    for (const m of list as Array<[number, number[], number, unknown]>) {
      const [kind, opens, closes, value] = m;
      for (const index of opens ?? []) {
        const [tag, attrs] = markups[index] ?? ['span'];
        const t = ['a', 'b', 'strong', 'i', 'em', 's', 'code', 'sup', 'sub', 'u'].includes(tag)
          ? tag
          : 'span';
        const href = t === 'a' && attrs ? attrs[attrs.indexOf('href') + 1] : undefined;
        out += href ? `<a href="${escapeHtml(href)}">` : `<${t}>`;
        open.push(t);
      }
      out += kind === 1 ? escapeHtml(str(atoms[value as number]?.[1])) : escapeHtml(str(value));
      for (let k = 0; k < closes; k++) out += `</${open.pop()}>`;
    }
    while (open.length) out += `</${open.pop()}>`;
    return out;
  };
  return (arr(doc.sections) as unknown[][])
    .map((section) => {
      const kind = section[0];
      if (kind === 1) {
        const tag = /^(p|h[1-6]|blockquote|aside)$/.test(str(section[1])) ? str(section[1]) : 'p';
        const html = markers(arr(section[2]));
        return tag === 'aside' || tag === 'blockquote'
          ? `<blockquote><p>${html}</p></blockquote>`
          : `<${tag}>${html}</${tag}>`;
      }
      if (kind === 3) {
        const tag = section[1] === 'ol' ? 'ol' : 'ul';
        return `<${tag}>${arr(section[2])
          .map((item) => `<li>${markers(arr(item))}</li>`)
          .join('')}</${tag}>`;
      }
      if (kind === 10) {
        const [name, payload] = cards[section[1] as number] ?? ['', {}];
        return card(name, payload ?? {});
      }
      if (kind === 2) return imageFigure(str(section[1]), '', '');
      return '';
    })
    .join('\n');
}
