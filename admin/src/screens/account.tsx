import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { Language } from '../i18n/strings.ts';
import { adminPath, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Notice, Screen, SelectField } from '../ui.tsx';
import { Enrol } from './two-step.tsx';

interface SessionRow {
  id: string;
  current: boolean;
  created_at: string;
  last_seen_at: string;
  user_agent_summary: string;
}

function Profile() {
  const { t } = useI18n();
  const { api, state, refresh } = useSession();
  const [name, setName] = useState(state?.staff?.name ?? '');
  const [language, setLanguage] = useState<Language>(state?.staff?.language ?? 'en');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    try {
      await api.patch('/auth/me', { name, language });
      await refresh();
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile')}</h2>
      <p>{state?.staff?.email}</p>
      <Field
        label={t('field.name')}
        name="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        label={t('field.language')}
        name="language"
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        options={[
          { value: 'en', label: t('lang.en') },
          { value: 'ru', label: t('lang.ru') },
        ]}
      />
      <ErrorMessage error={error} />
      {saved ? <Notice>{t('app.saved')}</Notice> : null}
      <button type="submit">{t('app.save')}</button>
    </form>
  );
}

function Password() {
  const { t } = useI18n();
  const { api } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setError(null);
    try {
      await api.post('/auth/me/password', { current_password: current, password: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="password-title">
      <h2 id="password-title">{t('account.password')}</h2>
      <Field
        label={t('field.currentPassword')}
        type="password"
        name="current_password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <Field
        label={t('field.newPassword')}
        hint={t('field.passwordHint')}
        type="password"
        name="password"
        autoComplete="new-password"
        minLength={12}
        required
        value={next}
        onChange={(e) => setNext(e.target.value)}
      />
      <ErrorMessage error={error} />
      {done ? <Notice>{t('account.passwordChanged')}</Notice> : null}
      <button type="submit">{t('account.changePassword')}</button>
    </form>
  );
}

function Sessions() {
  const { t, dateTime } = useI18n();
  const { api, refresh } = useSession();
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.get<{ sessions: SessionRow[] }>('/auth/sessions').then(
      (r) => setSessions(r.sessions),
      (e: unknown) => setError(e),
    );
  }, [api]);
  useEffect(load, [load]);
  const end = async (id: string) => {
    try {
      await api.delete(`/auth/sessions/${encodeURIComponent(id)}`);
      load();
    } catch (e) {
      setError(e);
    }
  };
  const everywhere = async () => {
    try {
      await api.post('/auth/sign-out-everywhere');
    } finally {
      await refresh();
      navigate(adminPath('sign-in'));
    }
  };
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      <ErrorMessage error={error} />
      {sessions ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('account.device')}</th>
              <th scope="col">{t('account.created')}</th>
              <th scope="col">{t('account.lastSeen')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.user_agent_summary}
                  {s.current ? ` (${t('account.current')})` : ''}
                </td>
                <td>{dateTime(s.created_at)}</td>
                <td>{dateTime(s.last_seen_at)}</td>
                <td>
                  {s.current ? null : (
                    <button type="button" className="secondary" onClick={() => void end(s.id)}>
                      {t('account.endSession')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <button type="button" className="danger" onClick={() => void everywhere()}>
          {t('account.signOutEverywhere')}
        </button>
      </p>
    </section>
  );
}

function Recovery() {
  const { t } = useI18n();
  const [enrolling, setEnrolling] = useState(false);
  return (
    <section aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('account.recovery')}</h2>
      {enrolling ? (
        <Enrol onDone={() => setEnrolling(false)} />
      ) : (
        <>
          <p>{t('account.recoveryIntro')}</p>
          <button type="button" className="secondary" onClick={() => setEnrolling(true)}>
            {t('account.reenrol')}
          </button>
        </>
      )}
    </section>
  );
}

export function AccountScreen(_props: ScreenProps) {
  const { t } = useI18n();
  return (
    <Screen title={t('account.title')}>
      <Profile />
      <Password />
      <Sessions />
      <Recovery />
    </Screen>
  );
}
