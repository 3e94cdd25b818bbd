import type { DocumentTree } from '../../../src/modules/articles/document/editor-extensions.ts';

// The Admin API's answers as the editor reads them (snake_case, as on the wire).

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

export interface AdminArticle {
  id: string;
  slug: string;
  url: string;
  status: ArticleStatus;
  version: number;
  title: string;
  standfirst: string;
  language: string;
  body: DocumentTree;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  translation_group: string | null;
  seo_title: string;
  seo_description: string;
  canonical_url: string | null;
  hero_media_id: string | null;
  authors: Array<{ id: string; name: string; slug: string }>;
  tags: Array<{ id: string; name: string; slug: string; is_section: boolean }>;
}

export interface AdminAuthor {
  id: string;
  name: string;
  slug: string;
  is_pen_name: boolean;
}

export interface AdminTag {
  id: string;
  name: string;
  slug: string;
  is_section: boolean;
}

export interface MediaItem {
  id: string;
  url: string;
  width: number;
  height: number;
  mime: string;
  caption: string;
  credit: string;
  alt: string;
  variants: Array<{ url: string; width: number; height: number; format: string }>;
}

/** What the editor needs of the admin's API client (admin/src/api/client.ts fits it). */
export interface Requester {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
  url(path: string, query?: Record<string, string | number | undefined>): string;
}

/** An error from the Admin API, as the client throws it. */
export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export function asApiFailure(err: unknown): ApiFailure {
  const e = err as Partial<ApiFailure> | null;
  if (e && typeof e.status === 'number' && typeof e.code === 'string')
    return { status: e.status, code: e.code, message: e.message ?? e.code, details: e.details };
  return { status: 0, code: 'network', message: err instanceof Error ? err.message : String(err) };
}
