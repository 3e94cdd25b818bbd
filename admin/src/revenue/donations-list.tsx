// The gifts over the dashboard's period, newest first, a page at a time, filtered by status; a
// bank transfer waiting for its money can be marked received here.
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { useSession } from '../session.tsx';
import { ErrorMessage, Loading, Notice, SelectField } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';
import { formatMoney } from './money.ts';
import type { Period } from './revenue-screen.tsx';

interface Donation {
  id: string;
  created_at: string;
  rail: string;
  status: string;
  frequency: string;
  amount_minor: number;
  currency: string;
  variant: string;
  test: boolean;
  checkout_ref: string | null;
}

const STATUSES = ['pending', 'completed', 'failed', 'cancelled', 'refunded', 'disputed'] as const;
const PAGE = 25;

export function DonationsList({ period }: { period: Period }) {
  const { t, lang, dateTime } = useI18n();
  const { api } = useSession();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [done, setDone] = useState('');
  const { data, error, reload, setError } = useLoad(
    useCallback(
      () =>
        api.get<{ donations: Donation[]; has_more: boolean }>('/donations', {
          from: period.from,
          to: period.to,
          status,
          page,
          limit: PAGE,
        }),
      [api, period, status, page],
    ),
  );
  const received = async (d: Donation) => {
    try {
      await api.post(`/donations/${d.id}/received`);
      setDone(t('revenue.markedReceived', { ref: d.checkout_ref ?? d.id }));
      reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="gifts-title">
      <h2 id="gifts-title">{t('revenue.gifts')}</h2>
      <SelectField
        label={t('articles.status')}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value);
          setPage(1);
        }}
        options={[
          { value: '', label: t('articles.any') },
          ...STATUSES.map((s) => ({ value: s, label: t(`gift.${s}` as MessageKey) })),
        ]}
      />
      <ErrorMessage error={error} />
      {done ? <Notice>{done}</Notice> : null}
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : data.donations.length === 0 ? (
        <p>{t('revenue.noGifts')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('revenue.when')}</th>
              <th scope="col">{t('revenue.amount')}</th>
              <th scope="col">{t('revenue.frequency')}</th>
              <th scope="col">{t('articles.status')}</th>
              <th scope="col">{t('revenue.rail')}</th>
              <th scope="col">{t('revenue.variant')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {data.donations.map((d) => (
              <tr key={d.id}>
                <td>{dateTime(d.created_at)}</td>
                <td>
                  {formatMoney(lang, d.amount_minor, d.currency)}
                  {d.test ? ` (${t('revenue.test')})` : ''}
                </td>
                <td>{t(`frequency.${d.frequency}` as MessageKey)}</td>
                <td>{t(`gift.${d.status}` as MessageKey)}</td>
                <td>
                  {d.rail}
                  {d.checkout_ref && d.rail === 'bank' ? ` ${d.checkout_ref}` : ''}
                </td>
                <td>{d.variant || t('revenue.noVariant')}</td>
                <td>
                  {d.rail === 'bank' && d.status === 'pending' ? (
                    <button type="button" onClick={() => void received(d)}>
                      {t('revenue.markReceived')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} hasMore={!!data?.has_more} onPage={setPage} label={t('revenue.gifts')} />
    </section>
  );
}

/** Previous / next for lists that know only whether there is more. */
export function Pager({
  page,
  hasMore,
  onPage,
  label,
}: {
  page: number;
  hasMore: boolean;
  onPage: (page: number) => void;
  label: string;
}) {
  const { t } = useI18n();
  if (page === 1 && !hasMore) return null;
  return (
    <nav className="pager" aria-label={`${label}: ${t('articles.pagination')}`}>
      <button type="button" className="secondary" disabled={page === 1} onClick={() => onPage(page - 1)}>
        {t('articles.previous')}
      </button>
      <span>{t('revenue.pageNumber', { page })}</span>
      <button type="button" className="secondary" disabled={!hasMore} onClick={() => onPage(page + 1)}>
        {t('articles.next')}
      </button>
    </nav>
  );
}
