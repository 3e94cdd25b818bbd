import type { Article } from './article.types.ts';
import { renderWebHtml, type DocumentTree } from './document/index.ts';
import type { PublicMedia } from '../media/index.ts';

export type { PublicMedia };

export type MediaLookup = (ids: string[]) => Promise<Map<string, PublicMedia>>;

/** Media ids an article shows: the hero and inline figures. */
export function mediaIdsOf(article: Pick<Article, 'heroMediaId' | 'body'>): string[] {
  const ids = new Set<string>();
  if (article.heroMediaId) ids.add(article.heroMediaId);
  const walk = (node: { type?: string; attrs?: Record<string, unknown>; content?: unknown[] }) => {
    if (node.type === 'figure' && typeof node.attrs?.media_id === 'string') ids.add(node.attrs.media_id);
    for (const child of node.content ?? []) walk(child as typeof node);
  };
  walk(article.body as unknown as Parameters<typeof walk>[0]);
  return [...ids];
}

export function renderArticleHtml(body: DocumentTree, media: Map<string, PublicMedia>): string {
  return renderWebHtml(body, {
    resolveMedia: (id: string) => {
      const m = media.get(id);
      return m ? { src: m.url, srcset: m.srcset.fallback, width: m.width, height: m.height } : undefined;
    },
  });
}
