import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
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
    useCallback(() => api.get<{ settings: Settings }>('/settings').then((r) => r.settings), [api]),
  );
  const [form, setForm] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data) setForm(data);
  }, [data]);
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
        <ErrorMessage error={error} />
        {saved ? <Notice>{t('app.saved')}</Notice> : null}
        <button type="submit">{t('app.save')}</button>
      </form>
    </Screen>
  );
}
