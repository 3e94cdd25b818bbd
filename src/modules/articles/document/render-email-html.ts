import { embedLabel, resolveEmbed, type EmbedProvider } from './embed-providers.ts';
import { escapeHtml } from './html-escape.ts';
import type { BlockNode, DocumentTree, FigureNode, InlineNode, Mark } from './document.types.ts';
import { renderInlineHtml, type MarkTags } from './render-inline-html.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { checkBaseUrl, safeImageSrc, safeLinkHref } from './url-rules.ts';

// The article body for newsletters. Email clients (Outlook, Gmail) ignore <style> blocks and most
// modern CSS, so: simple elements, inline styles, absolute URLs, one image size, no srcset,
// no <figure>. Same escaping and URL rules as the web renderer.

export interface EmailHtmlOptions {
  /** Public site URL; "/"-relative links and images are made absolute against it. */
  baseUrl: string;
  /** The image to send for a figure with a media_id (srcset, if any, is ignored). */
  resolveMedia?: (mediaId: string) => { src: string; width?: number; height?: number } | undefined;
  /** The link text of an embed in the email's language; default English. */
  embedLabel?: (provider: EmbedProvider) => string;
}

const EMAIL_WIDTH = 600;

const STYLE = {
  p: 'margin:0 0 16px;font-size:16px;line-height:1.6;',
  li: 'margin:0 0 8px;font-size:16px;line-height:1.6;',
  liP: 'margin:0;',
  h2: 'margin:28px 0 12px;font-size:22px;line-height:1.3;',
  h3: 'margin:24px 0 10px;font-size:19px;line-height:1.3;',
  h4: 'margin:20px 0 8px;font-size:17px;line-height:1.3;',
  list: 'margin:0 0 16px;padding:0 0 0 24px;',
  blockquote: 'margin:0 0 16px;padding:0 0 0 16px;border-left:3px solid #cccccc;color:#444444;',
  hr: 'border:0;border-top:1px solid #dddddd;margin:24px 0;',
  pullQuote: 'margin:24px 0 4px;font-size:20px;line-height:1.4;font-style:italic;',
  attribution: 'margin:0 0 24px;font-size:14px;color:#555555;',
  figure: 'margin:0 0 16px;',
  img: 'display:block;width:100%;max-width:600px;height:auto;border:0;',
  caption: 'margin:6px 0 0;font-size:13px;line-height:1.4;color:#666666;',
  credit: 'color:#888888;',
  a: 'color:#0b57d0;text-decoration:underline;',
  code: 'font-family:Menlo,Consolas,monospace;font-size:90%;',
};

const attr = (name: string, value: string | number) => ` ${name}="${escapeHtml(String(value))}"`;

function markTags(baseUrl: string): MarkTags {
  const names = { bold: 'strong', italic: 'em', strike: 's', code: 'code' } as const;
  return {
    open(mark: Mark) {
      if (mark.type === 'code') return `<code${attr('style', STYLE.code)}>`;
      if (mark.type !== 'link') return names[mark.type] ? `<${names[mark.type]}>` : null;
      const href = safeLinkHref(mark.attrs.href);
      return href === null ? null : `<a${attr('href', absoluteUrl(baseUrl, href))}${attr('style', STYLE.a)}>`;
    },
    close: (mark: Mark) => (mark.type === 'link' ? '</a>' : `</${names[mark.type]}>`),
  };
}

interface Ctx {
  baseUrl: string;
  tags: MarkTags;
  resolveMedia: EmailHtmlOptions['resolveMedia'];
  embedLabel: (provider: EmbedProvider) => string;
}

function figure(node: FigureNode, ctx: Ctx): string {
  const { alt, caption, credit, media_id: mediaId } = node.attrs;
  const media = mediaId ? ctx.resolveMedia?.(mediaId) : undefined;
  const src = safeImageSrc(media?.src) ?? safeImageSrc(node.attrs.src);
  if (src === null) return '';
  const width =
    media?.width && Number.isInteger(media.width) && media.width > 0
      ? Math.min(media.width, EMAIL_WIDTH)
      : null;
  const img = `<img${attr('src', absoluteUrl(ctx.baseUrl, src))}${attr('alt', alt)}${width ? attr('width', width) : ''}${attr('style', STYLE.img)}>`;
  const creditHtml = credit ? `<span${attr('style', STYLE.credit)}>${escapeHtml(credit)}</span>` : '';
  const text = [caption ? escapeHtml(caption) : '', creditHtml].filter(Boolean).join(' ');
  const captionHtml = text ? `<p${attr('style', STYLE.caption)}>${text}</p>` : '';
  return `<div${attr('style', STYLE.figure)}>${img}${captionHtml}</div>`;
}

function listItems(items: Array<{ content: BlockNode[] }>, ctx: Ctx): string {
  // The first paragraph of an item sits on the bullet's line: no margins of its own.
  return items
    .map((item) => {
      const [first, ...rest] = item.content;
      const lead =
        first?.type === 'paragraph'
          ? `<p${attr('style', STYLE.liP)}>${inline(first.content, ctx)}</p>`
          : block(first, ctx);
      return `<li${attr('style', STYLE.li)}>${lead}${rest.map((n) => block(n, ctx)).join('')}</li>`;
    })
    .join('');
}

const inline = (content: InlineNode[] | undefined, ctx: Ctx) => renderInlineHtml(content, ctx.tags);

function block(node: BlockNode | undefined, ctx: Ctx): string {
  switch (node?.type) {
    case 'paragraph':
      return node.content?.length ? `<p${attr('style', STYLE.p)}>${inline(node.content, ctx)}</p>` : '';
    case 'heading': {
      const level = node.attrs.level === 3 || node.attrs.level === 4 ? node.attrs.level : 2;
      return `<h${level}${attr('style', STYLE[`h${level}`])}>${inline(node.content, ctx)}</h${level}>`;
    }
    case 'bulletList':
      return `<ul${attr('style', STYLE.list)}>${listItems(node.content, ctx)}</ul>`;
    case 'orderedList': {
      const start =
        node.attrs.start !== 1 && Number.isInteger(node.attrs.start) ? attr('start', node.attrs.start) : '';
      const type = node.attrs.type ? attr('type', node.attrs.type) : '';
      return `<ol${start}${type}${attr('style', STYLE.list)}>${listItems(node.content, ctx)}</ol>`;
    }
    case 'blockquote':
      return `<blockquote${attr('style', STYLE.blockquote)}>${node.content.map((n) => block(n, ctx)).join('')}</blockquote>`;
    case 'horizontalRule':
      return `<hr${attr('style', STYLE.hr)}>`;
    case 'pullQuote': {
      const text = escapeHtml((node.content ?? []).map((t) => t.text).join(''));
      const by = node.attrs.attribution;
      const attribution = by ? `<p${attr('style', STYLE.attribution)}>— ${escapeHtml(by)}</p>` : '';
      return `<p${attr('style', STYLE.pullQuote)}>${text}</p>${attribution}`;
    }
    case 'figure':
      return figure(node, ctx);
    case 'embed': {
      const resolved = resolveEmbed(node.attrs.url);
      if (!resolved) return '';
      const title = node.attrs.title ? `: ${escapeHtml(node.attrs.title)}` : '';
      const link = `<a${attr('href', resolved.url)}${attr('style', STYLE.a)}>${escapeHtml(ctx.embedLabel(resolved.provider))}${title}</a>`;
      return `<p${attr('style', STYLE.p)}>${link}</p>`;
    }
    default:
      return '';
  }
}

/** Conservative, inline-styled HTML for email clients. Throws TypeError on a bad baseUrl. */
export function renderEmailHtml(doc: DocumentTree, options: EmailHtmlOptions): string {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const ctx: Ctx = {
    baseUrl,
    tags: markTags(baseUrl),
    resolveMedia: options.resolveMedia,
    embedLabel: options.embedLabel ?? embedLabel,
  };
  return (doc.content ?? [])
    .map((node) => block(node, ctx))
    .filter(Boolean)
    .join('\n');
}
