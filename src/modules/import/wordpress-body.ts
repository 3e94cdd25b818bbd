import { escapeHtml, resolveEmbed } from '../articles/document/index.ts';

// A WordPress body as its editor stored it, made into plain HTML the document model reads:
// classic bodies get their paragraphs (WordPress adds <p> only when it displays a post),
// shortcodes become figures, galleries, embeds or plain text, and Gutenberg's block comments are
// read where they carry something (an embed's URL) and otherwise left for the parser to drop.
// Pure.

/** An attachment of the export, for [gallery ids="…"] and featured images. */
export interface AttachmentInfo {
  url: string;
  alt: string;
  caption: string;
}

export interface WordPressBody {
  html: string;
  /** Shortcodes by name, e.g. { caption: 2, gallery: 1, contact-form: 1 }. */
  shortcodes: Record<string, number>;
}

const BLOCK_START =
  /^<(p|div|h[1-6]|ul|ol|li|blockquote|figure|table|thead|tbody|tr|td|th|pre|hr|section|aside|!--|dl|address|iframe|script|style)[\s>/]/i;

/** wpautop's idea, simplified: blank lines separate paragraphs, single newlines are line breaks. */
export function autoParagraphs(html: string): string {
  if (/<p[\s>]/i.test(html)) return html;
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

const attr = (value: string) => escapeHtml(value);

/** An embed our document keeps (a known provider), or a plain link to anything else. */
export function embedOrLink(url: string, title = ''): string {
  const resolved = resolveEmbed(url.trim());
  if (resolved)
    return `<figure class="embed" data-url="${attr(resolved.url)}" data-title="${attr(title)}"></figure>`;
  const safe = /^https?:\/\//i.test(url.trim()) ? url.trim() : '';
  return safe ? `<p><a href="${attr(safe)}">${escapeHtml(title || safe)}</a></p>` : '';
}

function figure(img: string, caption: string): string {
  return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

/** [caption]<a><img></a> Caption text[/caption] → a figure with its caption. */
function captionShortcode(attrs: Record<string, string>, inner: string): string {
  const img = /<img\b[^>]*>/i.exec(inner)?.[0];
  if (!img) return inner;
  const caption = (
    attrs.caption ?? inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, '')
  ).trim();
  return figure(img, caption);
}

function galleryShortcode(
  attrs: Record<string, string>,
  attachments: (id: string) => AttachmentInfo | undefined,
) {
  const ids = (attrs.ids ?? attrs.include ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return ids
    .map((id) => attachments(id))
    .filter((a): a is AttachmentInfo => a !== undefined)
    .map((a) => figure(`<img src="${attr(a.url)}" alt="${attr(a.alt)}">`, escapeHtml(a.caption)))
    .join('\n');
}

const ENCLOSING = /\[(\w[\w-]*)([^\]]*)\]([\s\S]*?)\[\/\1\]/g;
const SELF = /\[(\w[\w-]*)((?:\s+[^\]]*)?)\/?\]/g;

/** Shortcodes, innermost first: the ones we know become HTML, any other leaves its inner text. */
export function expandShortcodes(
  html: string,
  attachments: (id: string) => AttachmentInfo | undefined,
  counts: Record<string, number> = {},
): string {
  const seen = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
  let out = html;
  // Enclosing ones first ([caption]…[/caption]), repeated for nesting.
  for (let round = 0; round < 5; round++) {
    const before = out;
    out = out.replace(ENCLOSING, (_all, rawName: string, rawAttrs: string, inner: string) => {
      const name = rawName.toLowerCase();
      seen(name);
      const attrs = attributes(rawAttrs);
      if (name === 'caption' || name === 'wp_caption') return captionShortcode(attrs, inner);
      if (name === 'embed') return embedOrLink(inner.replace(/<[^>]*>/g, ''));
      return inner;
    });
    if (out === before) break;
  }
  // Self-closing ones: [gallery ids="1,2"], [embed url], anything else removed.
  return out.replace(SELF, (all, rawName: string, rawAttrs: string) => {
    const name = rawName.toLowerCase();
    // "[1]" or "[a]" in prose is no shortcode: only names of two letters or more with
    // attributes, or a known name, are treated as one.
    if (!/^[a-z][\w-]+$/.test(name)) return all;
    const attrs = attributes(rawAttrs);
    if (name === 'gallery') {
      seen(name);
      return galleryShortcode(attrs, attachments);
    }
    if (name === 'embed' || name === 'video' || name === 'audio') {
      seen(name);
      const url = attrs.src ?? attrs.url ?? attrs.mp4 ?? attrs.mp3 ?? '';
      return url ? embedOrLink(url) : '';
    }
    if (rawAttrs.trim() === '' && !KNOWN_BARE.has(name)) return all;
    seen(name);
    return '';
  });
}

/** Shortcodes written without attributes that we still remove ([gallery] handled above). */
const KNOWN_BARE = new Set(['toc', 'contact-form', 'contact-form-7', 'playlist', 'more', 'nextpage']);

/** Gutenberg blocks whose HTML alone loses what they hold: embeds keep their URL in the comment. */
export function gutenbergEmbeds(html: string): string {
  return html.replace(
    /<!--\s*wp:(?:core-)?embed[\w/-]*\s+(\{[\s\S]*?\})\s*-->[\s\S]*?<!--\s*\/wp:(?:core-)?embed[\w/-]*\s*-->/g,
    (all, json: string) => {
      try {
        const url = (JSON.parse(json) as { url?: unknown }).url;
        return typeof url === 'string' ? embedOrLink(url) : all;
      } catch {
        return all;
      }
    },
  );
}

/** A bare provider URL on a line of its own: WordPress shows it as an embed (oEmbed). */
function bareEmbedLines(html: string): string {
  return html.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (line, url: string) =>
    resolveEmbed(url) ? embedOrLink(url) : line,
  );
}

export function wordpressBody(
  content: string,
  attachments: (id: string) => AttachmentInfo | undefined,
): WordPressBody {
  const shortcodes: Record<string, number> = {};
  const gutenberg = content.includes('<!-- wp:');
  let html = gutenberg ? gutenbergEmbeds(content) : bareEmbedLines(content);
  html = expandShortcodes(html, attachments, shortcodes);
  if (!gutenberg) html = autoParagraphs(html);
  return { html, shortcodes };
}
