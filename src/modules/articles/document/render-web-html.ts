import { embedLabel, resolveEmbed, type EmbedProvider } from './embed-providers.ts';
import { escapeHtml } from './html-escape.ts';
import type { BlockNode, DocumentTree, FigureNode, ListItemNode, Mark } from './document.types.ts';
import { splitQuoteAttribution } from './quote-attribution.ts';
import { renderInlineHtml, type MarkTags } from './render-inline-html.ts';
import { isAbsoluteHttpUrl, safeImageSrc, safeLinkHref } from './url-rules.ts';

// The article body as it appears on our public pages. Pure string building over the JSON tree:
// no DOM, no TipTap, every text and attribute escaped, URL rules checked again (the tree may come
// from a database row written before a rule changed). Unknown nodes and marks are skipped.
// Nothing here makes a reader's browser contact another origin: embeds become links.

/** What the media library knows about a figure's image. */
export interface ResolvedMedia {
  src: string;
  srcset?: string;
  width?: number;
  height?: number;
}

export interface WebHtmlOptions {
  /** Responsive URLs for figures that carry a media_id; undefined keeps the stored src. */
  resolveMedia?: (mediaId: string) => ResolvedMedia | undefined;
  /** The `sizes` attribute sent with a srcset. Default: full width up to a 720px column. */
  imageSizes?: string;
  /** Links to this origin are internal and get no rel="noopener noreferrer". */
  siteUrl?: string;
  /** The link text of an embed card in the page's language; default English. */
  embedLabel?: (provider: EmbedProvider) => string;
}

const DEFAULT_SIZES = '(min-width: 720px) 720px, 100vw';
const attr = (name: string, value: string | number) => ` ${name}="${escapeHtml(String(value))}"`;

function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

function markTags(siteOrigin: string | null): MarkTags {
  const names = { bold: 'strong', italic: 'em', strike: 's', code: 'code' } as const;
  return {
    open(mark: Mark) {
      if (mark.type !== 'link') return names[mark.type] ? `<${names[mark.type]}>` : null;
      const href = safeLinkHref(mark.attrs.href);
      if (href === null) return null;
      const external = isAbsoluteHttpUrl(href) && originOf(href) !== siteOrigin;
      return `<a${attr('href', href)}${external ? ' rel="noopener noreferrer"' : ''}>`;
    },
    close: (mark: Mark) => (mark.type === 'link' ? '</a>' : `</${names[mark.type]}>`),
  };
}

const positiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;

function figure(node: FigureNode, options: WebHtmlOptions): string {
  const { alt, caption, credit, media_id: mediaId } = node.attrs;
  const media = mediaId ? options.resolveMedia?.(mediaId) : undefined;
  const src = safeImageSrc(media?.src) ?? safeImageSrc(node.attrs.src);
  if (src === null) return '';
  let img = `<img${attr('src', src)}${attr('alt', alt)} loading="lazy" decoding="async"`;
  if (media && positiveInt(media.width) && positiveInt(media.height)) {
    img += `${attr('width', media.width)}${attr('height', media.height)}`;
  }
  if (media?.srcset)
    img += `${attr('srcset', media.srcset)}${attr('sizes', options.imageSizes ?? DEFAULT_SIZES)}`;
  img += '>';
  const parts = [
    caption ? escapeHtml(caption) : '',
    credit ? `<span class="credit">${escapeHtml(credit)}</span>` : '',
  ];
  const figcaption = caption || credit ? `<figcaption>${parts.filter(Boolean).join(' ')}</figcaption>` : '';
  return `<figure>${img}${figcaption}</figure>`;
}

function listItem(item: ListItemNode, ctx: Ctx): string {
  return `<li>${blocks(item.content, ctx)}</li>`;
}

interface Ctx {
  options: WebHtmlOptions;
  tags: MarkTags;
}

function block(node: BlockNode, ctx: Ctx): string {
  const inline = (n: { content?: Parameters<typeof renderInlineHtml>[0] }) =>
    renderInlineHtml(n.content, ctx.tags);
  switch (node.type) {
    case 'paragraph':
      return node.content?.length ? `<p>${inline(node)}</p>` : '';
    case 'heading': {
      const level = [2, 3, 4].includes(node.attrs.level) ? node.attrs.level : 2;
      return `<h${level}>${inline(node)}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${node.content.map((item) => listItem(item, ctx)).join('')}</ul>`;
    case 'orderedList': {
      const { start, type } = node.attrs;
      const attrs =
        (start !== 1 && Number.isInteger(start) ? attr('start', start) : '') +
        (type ? attr('type', type) : '');
      return `<ol${attrs}>${node.content.map((item) => listItem(item, ctx)).join('')}</ol>`;
    }
    case 'blockquote': {
      // A quotation that names its source: the source under it, outside the quoted words.
      const split = splitQuoteAttribution(node.content);
      if (!split) return `<blockquote>${blocks(node.content, ctx)}</blockquote>`;
      return `<figure class="quote"><blockquote>${blocks(split.quoted, ctx)}</blockquote><figcaption class="quote__attribution">${inline(split.attribution)}</figcaption></figure>`;
    }
    case 'horizontalRule':
      return '<hr>';
    case 'pullQuote': {
      const text = (node.content ?? []).map((t) => t.text).join('');
      const by = node.attrs.attribution;
      const attribution = by ? `<p class="pull-quote__attribution">— ${escapeHtml(by)}</p>` : '';
      return `<aside class="pull-quote"><p>${escapeHtml(text)}</p>${attribution}</aside>`;
    }
    case 'figure':
      return figure(node, ctx.options);
    case 'embed': {
      const resolved = resolveEmbed(node.attrs.url);
      if (!resolved) return '';
      const { provider, url } = resolved;
      const title = node.attrs.title
        ? `: <span class="embed__title">${escapeHtml(node.attrs.title)}</span>`
        : '';
      return (
        `<figure class="embed embed--${provider}"${attr('data-provider', provider)}${attr('data-url', url)}>` +
        `<a${attr('href', url)} rel="noopener noreferrer">${escapeHtml((ctx.options.embedLabel ?? embedLabel)(provider))}${title}</a></figure>`
      );
    }
    default:
      return '';
  }
}

function blocks(nodes: BlockNode[] | undefined, ctx: Ctx): string {
  return (nodes ?? []).map((node) => block(node, ctx)).join('');
}

/** Semantic HTML for the article page. */
export function renderWebHtml(doc: DocumentTree, options: WebHtmlOptions = {}): string {
  const ctx: Ctx = { options, tags: markTags(originOf(options.siteUrl)) };
  return (doc.content ?? [])
    .map((node) => block(node, ctx))
    .filter(Boolean)
    .join('\n');
}
