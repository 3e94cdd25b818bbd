// The reader-revenue appeal (admins and the owner): its title and letter per language, when the
// dialog may open, sections where it never does, the A/B variants and their weights; and how
// each variant does against the first, with the significance of the difference.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, Screen, SelectField } from '../ui.tsx';
import { useLoad } from './use-load.ts';
import {
  amountTexts,
  amountsFromTexts,
  VariantFields,
  type AmountTexts,
  type Variant,
} from './appeal-variant.tsx';
interface Appeal {
  enabled: boolean;
  title: Record<string, string>;
  letter: Record<string, string>;
  views_before_dialog: number;
  cap_days: number;
  snooze_days: number;
  excluded_sections: string[];
  variants: Variant[];
}
interface Stats {
  from: string;
  to: string;
  variants: Array<{
    id: string;
    views: number;
    dismissals: number;
    snoozes: number;
    conversion_clicks: number;
    conversions: number;
    conversion_rate: number;
  }>;
  comparisons: Array<{
    id: string;
    baseline: string;
    rate: number;
    baseline_rate: number;
    p: number | null;
    significant: boolean;
  }>;
}
interface Context {
  languages: string[];
  sections: Array<{ slug: string; name: string }>;
  /** The donation rules' currencies, for the variants' own amounts. */
  currencies: string[];
}

export function AppealScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const { api } = useSession();
  const loaded = useLoad(
    useCallback(async () => {
      const [appeal, settings, tags, rules] = await Promise.all([
        api.get<{ appeal: Appeal }>('/appeal'),
        api.get<{ settings: { languages: string[] }; language_choices: { default_language: string } }>(
          '/settings',
        ),
        api.get<{ tags: Array<{ slug: string; name: string; is_section: boolean }> }>('/tags'),
        api.get<{ rules: { currencies: Array<{ code: string }> } }>('/donations/rules'),
      ]);
      const first = settings.language_choices.default_language;
      const context: Context = {
        languages: [first, ...settings.settings.languages.filter((l) => l !== first)],
        sections: tags.tags.filter((x) => x.is_section),
        currencies: rules.rules.currencies.map((c) => c.code),
      };
      return { appeal: appeal.appeal, context };
    }, [api]),
  );
  const [form, setForm] = useState<Appeal | null>(null);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState('');
  // Each variant's amounts as typed (by position), turned into minor units on save.
  const [texts, setTexts] = useState<AmountTexts[]>([]);
  const adopt = (appeal: Appeal) => {
    setForm(appeal);
    setTexts(appeal.variants.map((v) => amountTexts(v.amounts)));
  };
  useEffect(() => {
    if (loaded.data) adopt(loaded.data.appeal);
  }, [loaded.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || !loaded.data) return;
    setSaved(false);
    setProblem('');
    const variants: Variant[] = [];
    for (const [i, v] of form.variants.entries()) {
      const result = amountsFromTexts(texts[i] ?? {}, loaded.data.context.currencies, v.amounts);
      if ('bad' in result) {
        setProblem(t('appeal.badAmounts', { id: v.id, which: result.bad }));
        return;
      }
      variants.push({ ...v, amounts: result.amounts });
    }
    try {
      const answer = await api.patch<{ appeal: Appeal }>('/appeal', { ...form, variants });
      adopt(answer.appeal);
      loaded.setError(null);
      setSaved(true);
    } catch (e) {
      loaded.setError(e);
    }
  };
  const set = (patch: Partial<Appeal>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const setVariant = (i: number, patch: Partial<Variant>) =>
    set({ variants: form!.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const languageName = (lang: string) => (lang === 'en' || lang === 'ru' ? t(`lang.${lang}`) : lang);

  return (
    <Screen title={t('appeal.title')}>
      <ErrorMessage error={loaded.error} />
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {saved ? <Notice>{t('app.saved')}</Notice> : null}
      {!form || !loaded.data ? (
        loaded.error ? null : (
          <Loading />
        )
      ) : (
        <form onSubmit={(e) => void save(e)}>
          <p className="row">
            <input
              id="appeal-enabled"
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
            />
            <label htmlFor="appeal-enabled">{t('appeal.enabled')}</label>
          </p>
          <h2>{t('appeal.words')}</h2>
          {loaded.data.context.languages.map((lang) => (
            <fieldset key={lang}>
              <legend>{languageName(lang)}</legend>
              <Field
                label={t('appeal.heading', { lang: languageName(lang) })}
                hint={t('appeal.defaultHint')}
                maxLength={200}
                value={form.title[lang] ?? ''}
                onChange={(e) => set({ title: { ...form.title, [lang]: e.target.value } })}
              />
              <div className="field">
                <label htmlFor={`letter-${lang}`}>{t('appeal.letter', { lang: languageName(lang) })}</label>
                <textarea
                  id={`letter-${lang}`}
                  rows={8}
                  maxLength={6000}
                  value={form.letter[lang] ?? ''}
                  aria-describedby={`letter-${lang}-hint`}
                  onChange={(e) => set({ letter: { ...form.letter, [lang]: e.target.value } })}
                />
                <p className="hint" id={`letter-${lang}-hint`}>
                  {t('appeal.letterHint')}
                </p>
              </div>
            </fieldset>
          ))}
          <h2>{t('appeal.rules')}</h2>
          <Field
            label={t('appeal.views')}
            type="number"
            min={1}
            max={100}
            required
            value={form.views_before_dialog}
            onChange={(e) => set({ views_before_dialog: Number(e.target.value) })}
          />
          <Field
            label={t('appeal.cap')}
            hint={t('appeal.capHint')}
            type="number"
            min={0}
            max={365}
            required
            value={form.cap_days}
            onChange={(e) => set({ cap_days: Number(e.target.value) })}
          />
          <Field
            label={t('appeal.snooze')}
            type="number"
            min={1}
            max={365}
            required
            value={form.snooze_days}
            onChange={(e) => set({ snooze_days: Number(e.target.value) })}
          />
          <fieldset>
            <legend>{t('appeal.excluded')}</legend>
            {loaded.data.context.sections.map((s) => (
              <p className="row" key={s.slug}>
                <input
                  id={`exclude-${s.slug}`}
                  type="checkbox"
                  checked={form.excluded_sections.includes(s.slug)}
                  onChange={(e) =>
                    set({
                      excluded_sections: e.target.checked
                        ? [...form.excluded_sections, s.slug]
                        : form.excluded_sections.filter((x) => x !== s.slug),
                    })
                  }
                />
                <label htmlFor={`exclude-${s.slug}`}>{s.name}</label>
              </p>
            ))}
          </fieldset>
          <h2>{t('appeal.variants')}</h2>
          <p className="hint">{t('appeal.variantsHint')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('appeal.variantId')}</th>
                <th scope="col">{t('appeal.weight')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {form.variants.map((v, i) => (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={t('appeal.variantIdOf', { n: i + 1 })}
                      required
                      pattern="[a-z0-9][a-z0-9\-]{0,31}"
                      value={v.id}
                      onChange={(e) => setVariant(i, { id: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('appeal.weightOf', { id: v.id })}
                      type="number"
                      min={0}
                      max={1000}
                      required
                      value={v.weight}
                      onChange={(e) => setVariant(i, { weight: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    {form.variants.length > 1 ? (
                      <button
                        type="button"
                        className="danger"
                        aria-label={t('appeal.removeVariant', { id: v.id })}
                        onClick={() => {
                          set({ variants: form.variants.filter((_x, j) => j !== i) });
                          setTexts((old) => old.filter((_x, j) => j !== i));
                        }}
                      >
                        {t('app.delete')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {form.variants.map((v, i) => (
            <VariantFields
              key={i}
              variant={v}
              languages={loaded.data!.context.languages}
              languageName={languageName}
              currencies={loaded.data!.context.currencies}
              texts={texts[i] ?? {}}
              onTexts={(next) =>
                setTexts((old) => {
                  // A variant added since the load has no entry yet: this makes it.
                  const copy = [...old];
                  copy[i] = next;
                  return copy;
                })
              }
              onChange={(patch) => setVariant(i, patch)}
            />
          ))}
          <p>
            <button
              type="button"
              className="secondary"
              disabled={form.variants.length >= 6}
              onClick={() =>
                set({
                  variants: [
                    ...form.variants,
                    {
                      id: `variant-${form.variants.length + 1}`,
                      weight: 1,
                      title: {},
                      letter: {},
                      amounts: {},
                    },
                  ],
                })
              }
            >
              {t('appeal.addVariant')}
            </button>
          </p>
          <button type="submit">{t('appeal.save')}</button>
        </form>
      )}
      <AppealStats />
    </Screen>
  );
}

function AppealStats() {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const [days, setDays] = useState('30');
  const { data, error } = useLoad(useCallback(() => api.get<Stats>('/appeal/stats', { days }), [api, days]));
  const percent = (rate: number) =>
    new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
  const p = (value: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 3 }).format(value);
  return (
    <section aria-labelledby="appeal-stats">
      <h2 id="appeal-stats">{t('appeal.stats')}</h2>
      <SelectField
        label={t('appeal.days')}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        options={['7', '30', '90', '365'].map((d) => ({
          value: d,
          label: t('appeal.lastDays', { days: d }),
        }))}
      />
      <ErrorMessage error={error} />
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('revenue.variant')}</th>
                <th scope="col">{t('revenue.views')}</th>
                <th scope="col">{t('appeal.dismissals')}</th>
                <th scope="col">{t('appeal.snoozes')}</th>
                <th scope="col">{t('appeal.clicks')}</th>
                <th scope="col">{t('revenue.conversions')}</th>
                <th scope="col">{t('revenue.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {data.variants.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.id}</th>
                  <td>{v.views}</td>
                  <td>{v.dismissals}</td>
                  <td>{v.snoozes}</td>
                  <td>{v.conversion_clicks}</td>
                  <td>{v.conversions}</td>
                  <td>{percent(v.conversion_rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul data-testid="appeal-readout">
            {data.comparisons.map((c) => (
              <li key={c.id}>
                {t('appeal.versus', {
                  id: c.id,
                  baseline: c.baseline,
                  rate: percent(c.rate),
                  baselineRate: percent(c.baseline_rate),
                })}{' '}
                <strong>
                  {c.significant
                    ? t('appeal.significant', { p: p(c.p ?? 0) })
                    : c.p === null
                      ? t('appeal.tooFew')
                      : t('appeal.notYet', { p: p(c.p) })}
                </strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
