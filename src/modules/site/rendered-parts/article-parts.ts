import { createHash } from 'node:crypto';
import type { Article } from '../../articles/index.ts';
import { mediaIdsOf } from '../../articles/index.ts';
import type { DocumentTree } from '../../articles/document/index.ts';
import { excerpt, renderWebHtml } from '../../articles/document/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { interfaceLanguages, quoteHtml, translate } from '../../../i18n/index.ts';

// The parts of an article page that follow from its body alone: the body HTML (figures resolved
// to their responsive sources, quotes made the language's own) and the excerpt a page describes
// itself with when it has no standfirst. Pure. Rendered when an article is saved and stored
// (rendered-parts-store.ts); a page render uses them only while they are exactly what this would
// render now, so a page is byte-identical either way.

/**
 * Bump when the body's HTML changes for the same document (renderWebHtml, quoteHtml, the embed
 * labels): every stored part is then stale and re-rendered by a job. The canary below also
 * catches most changes nobody remembered to bump for.
 */
export const RENDERER_VERSION = 1;

export interface ArticleParts {
  bodyHtml: string;
  /** The body's first 200 characters as text, for a page without a standfirst. */
  excerpt: string;
}

/**
 * A pull quote is an `<aside>` inside the article; inside `<main>` it would read as a second
 * complementary landmark. As a note it stays an aside to assistive technology without that.
 */
export function withPullQuoteRole(html: string): string {
  return html.replaceAll('<aside class="pull-quote">', '<aside class="pull-quote" role="note">');
}

function renderBody(
  body: DocumentTree,
  lang: string,
  media: Map<string, PublicMedia>,
  siteUrl: string,
): string {
  const html = renderWebHtml(body, {
    siteUrl,
    embedLabel: (provider) => translate(lang, `embed.${provider}`),
    resolveMedia: (id) => {
      const m = media.get(id);
      return m ? { src: m.url, srcset: m.srcset.fallback, width: m.width, height: m.height } : undefined;
    },
  });
  // Straight quotes become the language's own in the page (never stored so in the body).
  return withPullQuoteRole(quoteHtml(html, lang));
}

export function renderArticleParts(
  article: Pick<Article, 'body' | 'language'>,
  media: Map<string, PublicMedia>,
  siteUrl: string,
): ArticleParts {
  return {
    bodyHtml: renderBody(article.body, article.language, media, siteUrl),
    excerpt: excerpt(article.body, 200),
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** The article the parts are rendered from: any saved change moves its version and time. */
export function sourceOf(article: Pick<Article, 'version' | 'updatedAt'>): string {
  return `${article.version}@${article.updatedAt}`;
}

/** What the body's figures show of the media library: a photo deleted or replaced changes it. */
export function mediaDigest(
  article: Pick<Article, 'heroMediaId' | 'body'>,
  media: Map<string, PublicMedia>,
): string {
  const shown = mediaIdsOf(article).map((id) => {
    const m = media.get(id);
    return m ? [id, m.url, m.srcset.fallback, m.width, m.height] : [id];
  });
  return digest(JSON.stringify(shown));
}

/** A body touching every kind of node the renderer knows, with quotes, links and an embed. */
const CANARY: DocumentTree = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '"Canary" heading' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'She said "it\'s done" ' },
        { type: 'text', marks: [{ type: 'bold' }, { type: 'italic' }], text: 'twice' },
        { type: 'text', text: ' and ' },
        { type: 'text', marks: [{ type: 'link', attrs: { href: 'https://example.org/x' } }], text: 'away' },
        { type: 'text', text: ' and ' },
        { type: 'text', marks: [{ type: 'link', attrs: { href: '/articles/here' } }], text: 'here' },
      ],
    },
    { type: 'pullQuote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '"Quoted"' }] }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
      ],
    },
  ],
} as unknown as DocumentTree;

/**
 * Names the renderer that makes parts for this site: its version, the site's address (links to
 * it are internal) and a digest of what it renders for the canary in every interface language.
 * Stored parts made by another renderer are stale.
 */
export function rendererKey(siteUrl: string): string {
  const canary = interfaceLanguages.map((lang) => {
    try {
      return renderBody(CANARY, lang, new Map(), siteUrl);
    } catch (error) {
      return error instanceof Error ? error.message : 'error';
    }
  });
  return `v${RENDERER_VERSION}-${digest(JSON.stringify([siteUrl, canary]))}`;
}
