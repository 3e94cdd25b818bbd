import { useEffect, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, adminPath, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Screen } from '../ui.tsx';
import { Enrol, SecondFactor } from './two-step.tsx';
import { matchAdminRoute } from '../../../src/web/admin-app/client-routes.ts';

/** Where to go after signing in: the page asked for, if it is an admin screen, else the articles. */
export function afterSignIn(next: string | null): string {
  if (next && next.startsWith('/admin') && !next.startsWith('//')) {
    const path = next.split('?')[0] ?? '';
    const match = matchAdminRoute(path);
    if (match && !['sign-in', 'setup', 'invite', 'reset'].includes(match.name)) return next;
  }
  return adminPath('articles');
}

export function SignInScreen({ search }: ScreenProps) {
  const { t } = useI18n();
  const { state, api, refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const done = () => navigate(afterSignIn(search.get('next')), { replace: true });
  const session = state?.session;
  const full = session?.stage === 'full';
  useEffect(() => {
    if (full) navigate(afterSignIn(search.get('next')), { replace: true });
  }, [full, search]);
  if (full) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/sign-in', { email, password });
      setPassword('');
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('signIn.title')}>
      {session?.stage === 'pending' && session.next === 'enrol' ? (
        <Enrol onDone={done} />
      ) : session?.stage === 'pending' ? (
        <SecondFactor methods={session.methods} onDone={done} />
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Field
            label={t('field.email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <Field
            label={t('field.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <ErrorMessage error={error} />
          <p className="row">
            <button type="submit" disabled={busy}>
              {t('signIn.submit')}
            </button>
            <Link href={adminPath('reset')}>{t('signIn.forgot')}</Link>
          </p>
        </form>
      )}
    </Screen>
  );
}
