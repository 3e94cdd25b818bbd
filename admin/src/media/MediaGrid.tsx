import { useEffect, useState, type ReactNode } from 'react';
import './media.css';
import { asApiFailure, type MediaItem } from '../editor/admin-types.ts';
import { useEditorEnv } from '../editor/editor-env.tsx';

const PAGE_SIZE = 24;

/**
 * A media URL as a path on this server. The API answers with absolute URLs under SITE_URL; the
 * admin is served by the same server, so the path is the same file, and it is what a figure
 * stores (a body then does not name a host, and survives a move to another domain or a mirror).
 */
export function mediaPath(url: string): string {
  try {
    const parsed = new URL(url, 'http://relative.invalid');
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/** The smallest variant at least `width` pixels wide (or the largest there is): a thumbnail. */
export function thumbnailOf(item: MediaItem, width = 320): string {
  const fallback = item.variants.filter((v) => v.format !== 'webp');
  return mediaPath((fallback.find((v) => v.width >= width) ?? fallback.at(-1))?.url ?? item.url);
}

export interface MediaGridProps {
  /** Change it to reload (after an upload). */
  refreshKey: number;
  actions(item: MediaItem, replace: (next: MediaItem) => void): ReactNode;
  headingLevel?: 2 | 3;
}

/** Stored images, newest first, a page at a time. */
export function MediaGrid({ refreshKey, actions }: MediaGridProps) {
  const { t, api } = useEditorEnv();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: MediaItem[]; total: number } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => setPage(1), [refreshKey]);
  useEffect(() => {
    let live = true;
    api.get<{ media: MediaItem[]; meta: { total: number } }>('/media', { page, limit: PAGE_SIZE }).then(
      (answer) => live && setData({ items: answer.media, total: answer.meta.total }),
      (err) => live && setError(asApiFailure(err).message),
    );
    return () => {
      live = false;
    };
  }, [api, page, refreshKey]);

  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>{t.loading}</p>;
  if (data.total === 0) return <p>{t.noMedia}</p>;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const replace = (next: MediaItem) =>
    setData((d) => d && { ...d, items: d.items.map((i) => (i.id === next.id ? next : i)) });
  return (
    <div className="md-grid-wrap">
      <ul className="md-grid">
        {data.items.map((item) => (
          <li key={item.id} className="md-card" data-media-id={item.id}>
            <img
              src={thumbnailOf(item)}
              alt={item.alt}
              width={160}
              height={Math.round((160 * item.height) / item.width)}
              loading="lazy"
            />
            <p className="md-caption">
              {item.caption}
              {item.credit && <span className="md-credit"> {item.credit}</span>}
            </p>
            {actions(item, replace)}
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="md-paging" aria-label={t.page(page, pages)}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t.previous}
          </button>
          <span>{t.page(page, pages)}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t.next}
          </button>
        </nav>
      )}
    </div>
  );
}
