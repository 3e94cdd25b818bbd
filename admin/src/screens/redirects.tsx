// Redirects (editors and above): old addresses answering with a redirect — imported sites'
// permalinks and the newsroom's own. Search, add or replace, remove, export as CSV.
import { useCallback, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useReplaceQuery } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, Screen, SelectField } from '../ui.tsx';
import { useLoad } from './use-load.ts';

interface Redirect {
  path: string;
  location: string;
  target: string;
  article_id: string | null;
  status: number;
  origin: string;
  updated_at: string;
}
interface Page {
  redirects: Redirect[];
  total: number;
  page: number;
  limit: number;
}

const LIMIT = 50;

export function RedirectsScreen({ search }: ScreenProps) {
  const { t } = useI18n();
  const { api } = useSession();
  const replaceQuery = useReplaceQuery();
  const q = search.get('q') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const [filter, setFilter] = useState(q);
  const [path, setPath] = useState('');
  const [target, setTarget] = useState('');
  const [status, setStatus] = useState('301');
  const [notice, setNotice] = useState('');
  const { data, error, reload, setError } = useLoad(
    useCallback(() => api.get<Page>('/redirects', { q, page, limit: LIMIT }), [api, q, page]),
  );
  const go = (next: { q?: string; page?: number }) => {
    const params = new URLSearchParams();
    const nq = next.q ?? q;
    const np = next.page ?? 1;
    if (nq) params.set('q', nq);
    if (np > 1) params.set('page', String(np));
    replaceQuery(params);
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await api.put<{ redirect: Redirect }>('/redirects', {
        path,
        target,
        status: Number(status),
      });
      setNotice(t('redirects.added', { path: answer.redirect.path, target: answer.redirect.location }));
      setPath('');
      setTarget('');
      setError(null);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (r: Redirect) => {
    try {
      await api.request('DELETE', '/redirects', { query: { path: r.path } });
      setNotice(t('redirects.removed', { path: r.path }));
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.limit)) : 1;

  return (
    <Screen
      title={t('redirects.title')}
      actions={
        <a className="button" href={api.url('/redirects.csv')} download>
          {t('redirects.export')}
        </a>
      }
    >
      <p className="hint">{t('redirects.intro')}</p>
      <form onSubmit={(e) => void add(e)} aria-labelledby="new-redirect">
        <h2 id="new-redirect">{t('redirects.new')}</h2>
        <Field
          label={t('redirects.path')}
          hint={t('redirects.pathHint')}
          required
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <Field
          label={t('redirects.target')}
          hint={t('redirects.targetHint')}
          required
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
        <SelectField
          label={t('redirects.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: '301', label: t('redirects.301') },
            { value: '308', label: t('redirects.308') },
            { value: '302', label: t('redirects.302') },
          ]}
        />
        <button type="submit">{t('redirects.add')}</button>
      </form>
      <ErrorMessage error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: filter.trim() });
        }}
      >
        <Field
          label={t('articles.search')}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="submit">{t('articles.apply')}</button>
      </form>
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : data.redirects.length === 0 ? (
        <p>{t('redirects.empty')}</p>
      ) : (
        <>
          <p role="status">{t('redirects.total', { total: data.total })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('redirects.path')}</th>
                <th scope="col">{t('redirects.target')}</th>
                <th scope="col">{t('redirects.status')}</th>
                <th scope="col">{t('redirects.origin')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {data.redirects.map((r) => (
                <tr key={r.path}>
                  <td>{r.path}</td>
                  <td>{r.location}</td>
                  <td>{r.status}</td>
                  <td>{r.origin}</td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('redirects.remove', { path: r.path })}
                      onClick={() => void remove(r)}
                    >
                      {t('app.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 ? (
            <nav className="pager" aria-label={t('articles.pagination')}>
              <button
                type="button"
                className="secondary"
                disabled={page <= 1}
                onClick={() => go({ page: page - 1 })}
              >
                {t('articles.previous')}
              </button>
              <span>{t('articles.page', { page, pages })}</span>
              <button
                type="button"
                className="secondary"
                disabled={page >= pages}
                onClick={() => go({ page: page + 1 })}
              >
                {t('articles.next')}
              </button>
            </nav>
          ) : null}
        </>
      )}
    </Screen>
  );
}
