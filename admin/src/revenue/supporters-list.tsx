// Supporters (donors not erased) over the dashboard's period, with their totals and plans.
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { useSession } from '../session.tsx';
import { ErrorMessage, Loading, SelectField } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';
import { Pager } from './donations-list.tsx';
import { formatTotals } from './money.ts';
import type { Period } from './revenue-screen.tsx';

interface Supporter {
  id: string;
  email: string;
  name: string | null;
  since: string;
  totals: Array<{ currency: string; amount_minor: number; gifts: number }>;
  plans: string[];
}

const STATUSES = ['active', 'past_due', 'paused', 'cancelled', 'one_time'] as const;

export function SupportersList({ period }: { period: Period }) {
  const { t, lang, dateTime } = useI18n();
  const { api } = useSession();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const { data, error } = useLoad(
    useCallback(
      () =>
        api.get<{ supporters: Supporter[]; has_more: boolean }>('/supporters', {
          from: period.from,
          to: period.to,
          status,
          page,
          limit: 25,
        }),
      [api, period, status, page],
    ),
  );
  return (
    <section aria-labelledby="supporters-title">
      <h2 id="supporters-title">{t('revenue.supporters')}</h2>
      <SelectField
        label={t('revenue.plan')}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value);
          setPage(1);
        }}
        options={[
          { value: '', label: t('articles.any') },
          ...STATUSES.map((s) => ({ value: s, label: t(`plan.${s}` as MessageKey) })),
        ]}
      />
      <ErrorMessage error={error} />
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : data.supporters.length === 0 ? (
        <p>{t('revenue.noSupporters')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.email')}</th>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('revenue.since')}</th>
              <th scope="col">{t('revenue.given')}</th>
              <th scope="col">{t('revenue.plan')}</th>
            </tr>
          </thead>
          <tbody>
            {data.supporters.map((s) => (
              <tr key={s.id}>
                <td>{s.email}</td>
                <td>{s.name ?? '—'}</td>
                <td>{dateTime(s.since)}</td>
                <td>
                  {formatTotals(lang, s.totals)} (
                  {t('revenue.giftCount', { count: s.totals.reduce((n, x) => n + x.gifts, 0) })})
                </td>
                <td>
                  {s.plans.length
                    ? s.plans.map((p) => t(`plan.${p}` as MessageKey) ?? p).join(', ')
                    : t('plan.one_time')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} hasMore={!!data?.has_more} onPage={setPage} label={t('revenue.supporters')} />
    </section>
  );
}
