import { useEffect, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { Link, adminPath, useReplaceQuery } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, Screen, SelectField } from '../ui.tsx';

interface ArticleRow {
  id: string;
  title: string;
  status: 'draft' | 'scheduled' | 'published' | 'unpublished';
  language: string;
  updated_at: string;
  published_at: string | null;
  authors: Array<{ id: string; name: string; slug: string }>;
  tags: Array<{ id: string; name: string; slug: string; is_section: boolean }>;
}
interface ListAnswer {
  articles: ArticleRow[];
  meta: { page: number; limit: number; total: number };
}
interface Option {
  slug: string;
  name: string;
}

export const PAGE_SIZE = 25;
const FILTERS = ['q', 'status', 'section', 'author', 'language'] as const;
const STATUSES = ['draft', 'scheduled', 'published', 'unpublished'] as const;

/** The list's query from the address: the filters that are set, and the page. */
export function listQuery(search: URLSearchParams): Record<string, string | number> {
  const query: Record<string, string | number> = { limit: PAGE_SIZE };
  for (const name of FILTERS) {
    const value = search.get(name)?.trim();
    if (value) query[name] = value;
  }
  const page = Number(search.get('page'));
  query.page = Number.isInteger(page) && page > 1 ? page : 1;
  return query;
}

export function ArticlesScreen({ search }: ScreenProps) {
  const { t, dateTime } = useI18n();
  const { api } = useSession();
  const replaceQuery = useReplaceQuery();
  const [answer, setAnswer] = useState<ListAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sections, setSections] = useState<Option[]>([]);
  const [authors, setAuthors] = useState<Option[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const key = search.toString();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((f) => [f, search.get(f) ?? ''])));

  useEffect(() => {
    let live = true;
    api.get<{ tags: Array<Option & { is_section: boolean }> }>('/tags').then(
      (r) => live && setSections(r.tags.filter((tag) => tag.is_section)),
      () => {},
    );
    api.get<{ authors: Option[] }>('/authors').then(
      (r) => live && setAuthors(r.authors),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    let live = true;
    setError(null);
    api.get<ListAnswer>('/articles', listQuery(new URLSearchParams(key))).then(
      (r) => {
        if (!live) return;
        setAnswer(r);
        setSelected(new Set());
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, key, reload]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of FILTERS) if (draft[name]?.trim()) params.set(name, draft[name].trim());
    setNotice(null);
    replaceQuery(params);
  };
  const goTo = (page: number) => {
    const params = new URLSearchParams(key);
    if (page > 1) params.set('page', String(page));
    else params.delete('page');
    replaceQuery(params);
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const unpublish = async () => {
    const ids = [...selected];
    setError(null);
    let done = 0;
    try {
      for (const id of ids) {
        await api.post(`/articles/${encodeURIComponent(id)}/unpublish`);
        done++;
      }
    } catch (e) {
      setError(e);
    }
    setNotice(t('articles.unpublished', { count: done }));
    setReload((n) => n + 1);
  };

  const rows = answer?.articles ?? [];
  const pages = answer ? Math.max(1, Math.ceil(answer.meta.total / answer.meta.limit)) : 1;
  const page = answer?.meta.page ?? 1;
  const publishable = rows.filter((r) => r.status === 'published' || r.status === 'scheduled');
  const allSelected = publishable.length > 0 && publishable.every((r) => selected.has(r.id));
  const any = t('articles.any');

  return (
    <Screen
      title={t('articles.title')}
      actions={
        <Link className="button" href={adminPath('article-new')}>
          {t('articles.new')}
        </Link>
      }
    >
      <form className="filters" role="search" aria-label={t('articles.filters')} onSubmit={apply}>
        <Field
          label={t('articles.search')}
          type="search"
          name="q"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <SelectField
          label={t('articles.status')}
          name="status"
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          options={[
            { value: '', label: any },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <SelectField
          label={t('articles.section')}
          name="section"
          value={draft.section}
          onChange={(e) => setDraft({ ...draft, section: e.target.value })}
          options={[{ value: '', label: any }, ...sections.map((s) => ({ value: s.slug, label: s.name }))]}
        />
        <SelectField
          label={t('articles.author')}
          name="author"
          value={draft.author}
          onChange={(e) => setDraft({ ...draft, author: e.target.value })}
          options={[{ value: '', label: any }, ...authors.map((a) => ({ value: a.slug, label: a.name }))]}
        />
        <SelectField
          label={t('articles.language')}
          name="language"
          value={draft.language}
          onChange={(e) => setDraft({ ...draft, language: e.target.value })}
          options={[
            { value: '', label: any },
            { value: 'en', label: t('lang.en') },
            { value: 'ru', label: t('lang.ru') },
          ]}
        />
        <button type="submit">{t('articles.apply')}</button>
      </form>
      <ErrorMessage error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {!answer ? (
        error ? null : (
          <Loading />
        )
      ) : rows.length === 0 ? (
        <p>{t('articles.empty')}</p>
      ) : (
        <>
          <p className="row">
            <span role="status">{t('articles.total', { total: answer.meta.total })}</span>
            <button
              type="button"
              className="danger"
              disabled={selected.size === 0}
              onClick={() => void unpublish()}
            >
              {t('articles.unpublishSelected', { count: selected.size })}
            </button>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('articles.selectAll')}
                    checked={allSelected}
                    disabled={publishable.length === 0}
                    onChange={() =>
                      setSelected(allSelected ? new Set() : new Set(publishable.map((r) => r.id)))
                    }
                  />
                </th>
                <th scope="col">{t('articles.headline')}</th>
                <th scope="col">{t('articles.status')}</th>
                <th scope="col">{t('articles.section')}</th>
                <th scope="col">{t('articles.author')}</th>
                <th scope="col">{t('articles.language')}</th>
                <th scope="col">{t('articles.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('articles.select', { title: row.title })}
                      checked={selected.has(row.id)}
                      disabled={row.status !== 'published' && row.status !== 'scheduled'}
                      onChange={() => toggle(row.id)}
                    />
                  </td>
                  <td>
                    <Link href={adminPath('article', { id: row.id })}>{row.title || '—'}</Link>
                  </td>
                  <td>{t(`status.${row.status}` as MessageKey)}</td>
                  <td>
                    {row.tags
                      .filter((tag) => tag.is_section)
                      .map((tag) => tag.name)
                      .join(', ')}
                  </td>
                  <td>{row.authors.map((a) => a.name).join(', ')}</td>
                  <td>{row.language}</td>
                  <td>{dateTime(row.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label={t('articles.pagination')}>
            <button type="button" className="secondary" disabled={page <= 1} onClick={() => goTo(page - 1)}>
              {t('articles.previous')}
            </button>
            <span>{t('articles.page', { page, pages })}</span>
            <button
              type="button"
              className="secondary"
              disabled={page >= pages}
              onClick={() => goTo(page + 1)}
            >
              {t('articles.next')}
            </button>
          </nav>
        </>
      )}
    </Screen>
  );
}
