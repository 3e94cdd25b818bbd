// Find a published article by words of its headline and choose it (for an issue's items and for
// a breaking-news issue).
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field } from '../ui.tsx';

interface Found {
  id: string;
  title: string;
}

export function ArticlePicker({
  label,
  action,
  onPick,
  exclude = [],
}: {
  /** The search field's label. */
  label: string;
  /** The button's words for one result, `{title}` filled in. */
  action: (title: string) => string;
  onPick: (article: Found) => void;
  exclude?: string[];
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const find = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await api.get<{ articles: Found[] }>('/articles', {
        q: q.trim(),
        status: 'published',
        limit: 10,
      });
      setFound(answer.articles);
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  const shown = found?.filter((a) => !exclude.includes(a.id)) ?? null;
  return (
    <div className="picker">
      <form role="search" className="filters" onSubmit={(e) => void find(e)}>
        <Field label={label} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('issues.find')}</button>
      </form>
      <ErrorMessage error={error} />
      {shown === null ? null : shown.length === 0 ? (
        <p role="status">{t('articles.empty')}</p>
      ) : (
        <ul>
          {shown.map((a) => (
            <li key={a.id} className="row">
              <span>{a.title}</span>
              <button type="button" className="secondary" onClick={() => onPick(a)}>
                {action(a.title)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
