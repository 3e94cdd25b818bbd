// The form that creates an account from a link: first owner (setup) or invited staff member.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { Language } from '../i18n/strings.ts';
import { ErrorMessage, Field, SelectField } from '../ui.tsx';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
  language: Language;
}

export function NewAccountForm({
  askEmail,
  submitLabel,
  onSubmit,
}: {
  askEmail: boolean;
  submitLabel: string;
  onSubmit(account: NewAccount): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [account, setAccount] = useState<NewAccount>({ name: '', email: '', password: '', language: lang });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewAccount>) => setAccount((a) => ({ ...a, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(account);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field
        label={t('field.name')}
        name="name"
        autoComplete="name"
        required
        value={account.name}
        onChange={(e) => set({ name: e.target.value })}
      />
      {askEmail ? (
        <Field
          label={t('field.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={account.email}
          onChange={(e) => set({ email: e.target.value })}
        />
      ) : null}
      <Field
        label={t('field.password')}
        hint={t('field.passwordHint')}
        type="password"
        name="password"
        autoComplete="new-password"
        minLength={12}
        required
        value={account.password}
        onChange={(e) => set({ password: e.target.value })}
      />
      <SelectField
        label={t('field.language')}
        name="language"
        value={account.language}
        onChange={(e) => set({ language: e.target.value as Language })}
        options={[
          { value: 'en', label: t('lang.en') },
          { value: 'ru', label: t('lang.ru') },
        ]}
      />
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
