import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, Screen } from '../ui.tsx';
import { useLoad } from './use-load.ts';

interface Settings {
  name: string;
  description: string;
  descriptions: Record<string, string>;
  accent_color: string;
  logo_svg: string;
  features: { newsletter: boolean; support: boolean };
  time_zone: string;
  languages: string[];
}

interface LanguageChoices {
  default_language: string;
  languages: string[];
}

/** The time zones offered: every IANA zone the browser knows, and the current one in any case. */
export function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...known])].sort((a, b) => a.localeCompare(b));
}

/** A language's own name ("Русский"), or its code where the browser has none. */
function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
  } catch {
    return code;
  }
}

/** The languages a description is asked for: English, Russian and any the site already has. */
export function descriptionLanguages(settings: Settings): string[] {
  return [...new Set(['en', 'ru', ...Object.keys(settings.descriptions)])];
}

export function SettingsScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const { api } = useSession();
  const id = useId();
  const { data, error, setError } = useLoad(
    useCallback(() => api.get<{ settings: Settings; language_choices: LanguageChoices }>('/settings'), [api]),
  );
  const [form, setForm] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data) setForm(data.settings);
  }, [data]);
  const zones = useMemo(() => (form ? timeZoneChoices(form.time_zone) : []), [form?.time_zone]);
  if (!form)
    return (
      <Screen title={t('settings.title')}>{error ? <ErrorMessage error={error} /> : <Loading />}</Screen>
    );

  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const readLogo = async (file: File | undefined) => {
    if (file) set({ logo_svg: await file.text() });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const descriptions = Object.fromEntries(Object.entries(form.descriptions).filter(([, v]) => v.trim()));
      const answer = await api.patch<{ settings: Settings }>('/settings', {
        name: form.name,
        description: form.description,
        descriptions,
        accent_color: form.accent_color,
        logo_svg: form.logo_svg,
        features: form.features,
        time_zone: form.time_zone,
        languages: form.languages,
      });
      setForm(answer.settings);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Screen title={t('settings.title')}>
      <form onSubmit={(e) => void submit(e)}>
        <Field
          label={t('settings.publicationName')}
          name="name"
          required
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <div className="field">
          <label htmlFor={`${id}-accent`}>{t('settings.accent')}</label>
          <input
            id={`${id}-accent`}
            type="color"
            value={form.accent_color}
            onChange={(e) => set({ accent_color: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-logo`}>{t('settings.logoFile')}</label>
          <input
            id={`${id}-logo`}
            type="file"
            accept="image/svg+xml,.svg"
            aria-describedby={`${id}-logo-hint`}
            onChange={(e) => void readLogo(e.target.files?.[0])}
          />
          <p className="hint" id={`${id}-logo-hint`}>
            {t('settings.logoHint')}
          </p>
          {form.logo_svg ? (
            <button type="button" className="secondary" onClick={() => set({ logo_svg: '' })}>
              {t('settings.removeLogo')}
            </button>
          ) : null}
        </div>
        {descriptionLanguages(form).map((lang) => (
          <div className="field" key={lang}>
            <label htmlFor={`${id}-d-${lang}`}>{t('settings.description', { lang })}</label>
            <textarea
              id={`${id}-d-${lang}`}
              rows={2}
              maxLength={500}
              value={form.descriptions[lang] ?? (lang === 'en' ? form.description : '')}
              onChange={(e) =>
                set({
                  descriptions: { ...form.descriptions, [lang]: e.target.value },
                  ...(lang === 'en' ? { description: e.target.value } : {}),
                })
              }
            />
          </div>
        ))}
        <fieldset>
          <legend>{t('settings.features')}</legend>
          <p className="row">
            <input
              id={`${id}-nl`}
              type="checkbox"
              checked={form.features.newsletter}
              onChange={(e) => set({ features: { ...form.features, newsletter: e.target.checked } })}
            />
            <label htmlFor={`${id}-nl`}>{t('settings.newsletter')}</label>
          </p>
          <p className="row">
            <input
              id={`${id}-sp`}
              type="checkbox"
              checked={form.features.support}
              onChange={(e) => set({ features: { ...form.features, support: e.target.checked } })}
            />
            <label htmlFor={`${id}-sp`}>{t('settings.support')}</label>
          </p>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-tz`}>{t('settings.timezone')}</label>
          <select
            id={`${id}-tz`}
            value={form.time_zone}
            aria-describedby={`${id}-tz-hint`}
            onChange={(e) => set({ time_zone: e.target.value })}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-tz-hint`}>
            {t('settings.timezoneHint')}
          </p>
        </div>
        {data && data.language_choices.languages.length > 0 ? (
          <fieldset aria-describedby={`${id}-lang-hint`}>
            <legend>{t('settings.languages')}</legend>
            <p className="hint" id={`${id}-lang-hint`}>
              {t('settings.languagesHint', { lang: languageName(data.language_choices.default_language) })}
            </p>
            {data.language_choices.languages.map((lang) => (
              <p className="row" key={lang}>
                <input
                  id={`${id}-lang-${lang}`}
                  type="checkbox"
                  checked={form.languages.includes(lang)}
                  onChange={(e) =>
                    set({
                      languages: e.target.checked
                        ? [...form.languages, lang]
                        : form.languages.filter((l) => l !== lang),
                    })
                  }
                />
                <label htmlFor={`${id}-lang-${lang}`} lang={lang}>
                  {languageName(lang)}
                </label>
              </p>
            ))}
          </fieldset>
        ) : null}
        <ErrorMessage error={error} />
        {saved ? <Notice>{t('app.saved')}</Notice> : null}
        <button type="submit">{t('app.save')}</button>
      </form>
    </Screen>
  );
}
