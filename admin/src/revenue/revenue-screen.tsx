// The reader revenue dashboard (admins and the owner): what came in over a period, as figures and
// first-party SVG charts, then the gifts, the supporters and the donation rules.
import { useCallback, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Screen } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';
import { BarChart } from './bar-chart.tsx';
import { DonationsList } from './donations-list.tsx';
import { formatTotals } from './money.ts';
import { RulesForm } from './rules-form.tsx';
import { SupportersList } from './supporters-list.tsx';

type Money = Array<{ currency: string; amount_minor: number }>;
export interface Summary {
  one_time_total: Money;
  recurring_monthly: Money;
  active_plans: number;
  supporters_per_month: Array<{ month: string; new: number; cancelled: number }>;
  refunds: { count: number; totals: Money };
  disputes: { count: number; totals: Money };
  gifts_per_variant: Array<{ variant: string; gifts: number }>;
  conversion_per_variant: Array<{ variant: string; views: number; conversions: number; rate: number }>;
}

export interface Period {
  from: string;
  to: string;
}

export function RevenueScreen(_props: ScreenProps) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });
  const [draft, setDraft] = useState<Period>({ from: '', to: '' });
  const [includeTest, setIncludeTest] = useState(true);
  const { data, error } = useLoad(
    useCallback(
      () =>
        api.get<Summary>('/donations/summary', {
          from: period.from,
          to: period.to,
          include_test: includeTest ? 'true' : 'false',
        }),
      [api, period, includeTest],
    ),
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  const percent = (rate: number) =>
    new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const variantLabel = (v: string) => v || t('revenue.noVariant');

  return (
    <Screen
      title={t('revenue.title')}
      actions={
        <a className="button" href={api.url('/donations.csv', { from: period.from, to: period.to })} download>
          {t('revenue.export')}
        </a>
      }
    >
      <form className="filters" onSubmit={apply} aria-label={t('revenue.period')}>
        <Field
          label={t('revenue.from')}
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <Field
          label={t('revenue.to')}
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <p className="row">
          <input
            id="include-test"
            type="checkbox"
            checked={includeTest}
            onChange={(e) => setIncludeTest(e.target.checked)}
          />
          <label htmlFor="include-test">{t('revenue.includeTest')}</label>
        </p>
        <button type="submit">{t('articles.apply')}</button>
      </form>
      <ErrorMessage error={error} />
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <h2>{t('revenue.overview')}</h2>
          <dl className="figures" data-testid="revenue-figures">
            <div>
              <dt>{t('revenue.oneTime')}</dt>
              <dd>{formatTotals(lang, data.one_time_total)}</dd>
            </div>
            <div>
              <dt>{t('revenue.recurring')}</dt>
              <dd>{formatTotals(lang, data.recurring_monthly)}</dd>
            </div>
            <div>
              <dt>{t('revenue.activePlans')}</dt>
              <dd>{data.active_plans}</dd>
            </div>
            <div>
              <dt>{t('revenue.refunds')}</dt>
              <dd>
                {data.refunds.count} ({formatTotals(lang, data.refunds.totals)})
              </dd>
            </div>
            <div>
              <dt>{t('revenue.disputes')}</dt>
              <dd>
                {data.disputes.count} ({formatTotals(lang, data.disputes.totals)})
              </dd>
            </div>
          </dl>
          <h2>{t('revenue.supportersPerMonth')}</h2>
          {data.supporters_per_month.length === 0 ? (
            <p>{t('revenue.noSupporters')}</p>
          ) : (
            <BarChart
              title={t('revenue.supportersPerMonth')}
              description={t('revenue.supportersChartDesc', {
                months: data.supporters_per_month.length,
                added: data.supporters_per_month.reduce((n, m) => n + m.new, 0),
                cancelled: data.supporters_per_month.reduce((n, m) => n + m.cancelled, 0),
              })}
              rowHeader={t('revenue.month')}
              series={[
                { name: t('revenue.new'), className: 'chart-a' },
                { name: t('revenue.cancelled'), className: 'chart-b' },
              ]}
              rows={data.supporters_per_month.map((m) => ({ label: m.month, values: [m.new, m.cancelled] }))}
            />
          )}
          <h2>{t('revenue.conversion')}</h2>
          {data.conversion_per_variant.length === 0 ? (
            <p>{t('revenue.noViews')}</p>
          ) : (
            <>
              <BarChart
                title={t('revenue.conversion')}
                description={data.conversion_per_variant
                  .map((v) => `${variantLabel(v.variant)}: ${percent(v.rate)}`)
                  .join('; ')}
                rowHeader={t('revenue.variant')}
                series={[{ name: t('revenue.rate'), className: 'chart-a' }]}
                rows={data.conversion_per_variant.map((v) => ({
                  label: variantLabel(v.variant),
                  values: [v.rate],
                }))}
                format={percent}
              />
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('revenue.variant')}</th>
                    <th scope="col">{t('revenue.views')}</th>
                    <th scope="col">{t('revenue.conversions')}</th>
                    <th scope="col">{t('revenue.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.conversion_per_variant.map((v) => (
                    <tr key={v.variant}>
                      <th scope="row">{variantLabel(v.variant)}</th>
                      <td>{v.views}</td>
                      <td>{v.conversions}</td>
                      <td>{percent(v.rate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
      <DonationsList period={period} />
      <SupportersList period={period} />
      <RulesForm />
    </Screen>
  );
}
