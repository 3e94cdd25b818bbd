// The donation rules: which currencies gifts come in, the smallest and largest gift, and the
// suggested amounts per frequency. People type major units; the API keeps the smallest and
// largest gift in minor units and the suggested amounts in whole major units.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, SelectField } from '../ui.tsx';
import { useLoad } from '../screens/use-load.ts';
import { toMajor, toMinor, wholeAmountsFromText } from './money.ts';

const FREQUENCIES = ['once', 'monthly', 'annual'] as const;
type Frequency = (typeof FREQUENCIES)[number];

interface CurrencyRule {
  code: string;
  minimum_minor: number;
  maximum_minor: number;
  /** Whole major units. */
  suggested: Record<Frequency, number[]>;
}
interface Rules {
  currencies: CurrencyRule[];
  default_currency: string;
}
/** A currency's row as typed: every figure as text until saved. */
interface Row {
  code: string;
  minimum: string;
  maximum: string;
  suggested: Record<Frequency, string>;
}

const toRow = (c: CurrencyRule): Row => ({
  code: c.code,
  minimum: toMajor(c.minimum_minor, c.code),
  maximum: toMajor(c.maximum_minor, c.code),
  suggested: {
    once: c.suggested.once.join(' '),
    monthly: c.suggested.monthly.join(' '),
    annual: c.suggested.annual.join(' '),
  },
});

/** The rows as rules, or the first problem found (a message key and its values). */
export function rowsToRules(
  rows: Row[],
  defaultCurrency: string,
): { rules: Rules } | { problem: 'rules.badCode' | 'rules.badAmount' | 'rules.minAboveMax'; code: string } {
  const currencies: CurrencyRule[] = [];
  for (const row of rows) {
    const code = row.code.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) return { problem: 'rules.badCode', code: row.code };
    const min = toMinor(row.minimum, code);
    const max = toMinor(row.maximum, code);
    const suggested = {
      once: wholeAmountsFromText(row.suggested.once),
      monthly: wholeAmountsFromText(row.suggested.monthly),
      annual: wholeAmountsFromText(row.suggested.annual),
    };
    if (min === null || max === null || !suggested.once || !suggested.monthly || !suggested.annual)
      return { problem: 'rules.badAmount', code };
    if (min > max) return { problem: 'rules.minAboveMax', code };
    currencies.push({
      code,
      minimum_minor: min,
      maximum_minor: max,
      suggested: { once: suggested.once, monthly: suggested.monthly, annual: suggested.annual },
    });
  }
  return { rules: { currencies, default_currency: defaultCurrency } };
}

export function RulesForm() {
  const { t } = useI18n();
  const { api } = useSession();
  const { data, error, setError } = useLoad(
    useCallback(
      () => api.get<{ rules: Rules; rails: Array<{ id: string; label: string }> }>('/donations/rules'),
      [api],
    ),
  );
  const [rows, setRows] = useState<Row[]>([]);
  const [defaultCurrency, setDefault] = useState('');
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!data) return;
    setRows(data.rules.currencies.map(toRow));
    setDefault(data.rules.default_currency);
  }, [data]);

  const change = (i: number, patch: Partial<Row>) =>
    setRows((old) => old.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setProblem('');
    const codes = rows.map((r) => r.code.trim().toUpperCase());
    const result = rowsToRules(rows, codes.includes(defaultCurrency) ? defaultCurrency : (codes[0] ?? ''));
    if ('problem' in result) {
      setProblem(t(result.problem, { code: result.code }));
      return;
    }
    try {
      const answer = await api.put<{ rules: Rules }>('/donations/rules', result.rules);
      setRows(answer.rules.currencies.map(toRow));
      setDefault(answer.rules.default_currency);
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <p className="hint">{t('rules.intro')}</p>
      <ErrorMessage error={error} />
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {saved ? <Notice>{t('app.saved')}</Notice> : null}
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <form onSubmit={(e) => void save(e)}>
          {rows.map((row, i) => (
            <fieldset key={i}>
              <legend>{row.code || t('rules.newCurrency')}</legend>
              <Field
                label={t('rules.code')}
                value={row.code}
                maxLength={3}
                required
                onChange={(e) => change(i, { code: e.target.value.toUpperCase() })}
              />
              <Field
                label={t('rules.minimum')}
                inputMode="decimal"
                value={row.minimum}
                required
                onChange={(e) => change(i, { minimum: e.target.value })}
              />
              <Field
                label={t('rules.maximum')}
                inputMode="decimal"
                value={row.maximum}
                required
                onChange={(e) => change(i, { maximum: e.target.value })}
              />
              {FREQUENCIES.map((f) => (
                <Field
                  key={f}
                  label={t(`rules.suggested.${f}`)}
                  hint={t('rules.suggestedHint')}
                  value={row.suggested[f]}
                  required
                  onChange={(e) => change(i, { suggested: { ...row.suggested, [f]: e.target.value } })}
                />
              ))}
              {rows.length > 1 ? (
                <button
                  type="button"
                  className="danger"
                  onClick={() => setRows((old) => old.filter((_r, j) => j !== i))}
                >
                  {t('rules.removeCurrency', { code: row.code })}
                </button>
              ) : null}
            </fieldset>
          ))}
          <p>
            <button
              type="button"
              className="secondary"
              disabled={rows.length >= 20}
              onClick={() =>
                setRows((old) => [
                  ...old,
                  {
                    code: '',
                    minimum: '1',
                    maximum: '10000',
                    suggested: { once: '5 10 25', monthly: '2 5 10', annual: '24 60 120' },
                  },
                ])
              }
            >
              {t('rules.addCurrency')}
            </button>
          </p>
          <SelectField
            label={t('rules.default')}
            value={defaultCurrency}
            onChange={(e) => setDefault(e.target.value)}
            options={rows.filter((r) => r.code).map((r) => ({ value: r.code, label: r.code }))}
          />
          <p className="hint">{t('rules.rails', { rails: data.rails.map((r) => r.label).join(', ') })}</p>
          <button type="submit">{t('rules.save')}</button>
        </form>
      )}
    </section>
  );
}
