// Subscribers (admins and the owner: addresses are personal data): counts per status and per
// list, exact-address search, a page at a time, CSV export; then the lists themselves and the
// privacy policy readers agree to.
import { useCallback, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Screen, SelectField } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';
import type { NewsletterList } from './issue-types.ts';
import { ListsSection } from './lists-section.tsx';
import { PrivacyPolicySection } from './privacy-policy-section.tsx';

interface Subscriber {
  id: string;
  email: string;
  name: string | null;
  language: string;
  status: 'pending' | 'confirmed' | 'suppressed';
  created_at: string;
  confirmed_at: string | null;
}
interface Counts {
  subscribers: { pending: number; confirmed: number; suppressed: number };
  lists: Array<{ slug: string; recipients: number; by_status: Record<string, number> }>;
}
interface Filter {
  email: string;
  status: string;
  list: string;
}

const STATUSES = ['pending', 'confirmed', 'suppressed'] as const;

export function SubscribersScreen(_props: ScreenProps) {
  const { t, dateTime } = useI18n();
  const { api } = useSession();
  const [filter, setFilter] = useState<Filter>({ email: '', status: '', list: '' });
  const [draft, setDraft] = useState<Filter>(filter);
  // Cursors of the pages before this one (the API pages forward only).
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const counts = useLoad(useCallback(() => api.get<Counts>('/subscribers/counts'), [api]));
  const lists = useLoad(
    useCallback(() => api.get<{ lists: NewsletterList[] }>('/newsletters').then((r) => r.lists), [api]),
  );
  const { data, error } = useLoad(
    useCallback(
      () =>
        api.get<{ items: Subscriber[]; next_cursor: string | null }>('/subscribers', {
          email: filter.email.trim(),
          status: filter.status,
          list: filter.list,
          cursor,
          limit: 50,
        }),
      [api, filter, cursor],
    ),
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setFilter(draft);
  };
  const listName = (slug: string) => lists.data?.find((l) => l.slug === slug)?.name ?? slug;

  return (
    <Screen
      title={t('subscribers.title')}
      actions={
        <a className="button" href={api.url('/subscribers.csv')} download>
          {t('subscribers.export')}
        </a>
      }
    >
      <ErrorMessage error={counts.error ?? lists.error} />
      <h2>{t('subscribers.counts')}</h2>
      {!counts.data ? (
        <Loading />
      ) : (
        <>
          <dl className="figures" data-testid="subscriber-counts">
            {STATUSES.map((s) => (
              <div key={s}>
                <dt>{t(`subscriber.${s}` as MessageKey)}</dt>
                <dd>{counts.data!.subscribers[s]}</dd>
              </div>
            ))}
          </dl>
          <table>
            <caption>{t('subscribers.perList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lists.list')}</th>
                <th scope="col">{t('subscribers.recipients')}</th>
                <th scope="col">{t('subscriber.pending')}</th>
              </tr>
            </thead>
            <tbody>
              {counts.data.lists.map((l) => (
                <tr key={l.slug}>
                  <th scope="row">{listName(l.slug)}</th>
                  <td>{l.recipients}</td>
                  <td>{l.by_status.pending ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{t('subscribers.list')}</h2>
      <form className="filters" role="search" onSubmit={apply}>
        <Field
          label={t('subscribers.email')}
          hint={t('subscribers.emailHint')}
          type="search"
          value={draft.email}
          onChange={(e) => setDraft({ ...draft, email: e.target.value })}
        />
        <SelectField
          label={t('articles.status')}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          options={[
            { value: '', label: t('articles.any') },
            ...STATUSES.map((s) => ({ value: s, label: t(`subscriber.${s}` as MessageKey) })),
          ]}
        />
        <SelectField
          label={t('lists.list')}
          value={draft.list}
          onChange={(e) => setDraft({ ...draft, list: e.target.value })}
          options={[
            { value: '', label: t('articles.any') },
            ...(lists.data ?? []).map((l) => ({ value: l.slug, label: l.name })),
          ]}
        />
        <button type="submit">{t('articles.apply')}</button>
      </form>
      <ErrorMessage error={error} />
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : data.items.length === 0 ? (
        <p role="status">{t('subscribers.none')}</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.email')}</th>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.language')}</th>
                <th scope="col">{t('articles.status')}</th>
                <th scope="col">{t('subscribers.signedUp')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.email}</td>
                  <td>{s.name ?? '—'}</td>
                  <td>{s.language}</td>
                  <td>{t(`subscriber.${s.status}` as MessageKey)}</td>
                  <td>{dateTime(s.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {cursors.length > 0 || data.next_cursor ? (
            <nav className="pager" aria-label={`${t('subscribers.list')}: ${t('articles.pagination')}`}>
              <button
                type="button"
                className="secondary"
                disabled={cursors.length === 0}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t('articles.previous')}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={!data.next_cursor}
                onClick={() => setCursors((c) => [...c, data.next_cursor!])}
              >
                {t('articles.next')}
              </button>
            </nav>
          ) : null}
        </>
      )}
      <ListsSection
        lists={lists.data}
        onChange={() => {
          lists.reload();
          counts.reload();
        }}
      />
      <PrivacyPolicySection />
    </Screen>
  );
}
