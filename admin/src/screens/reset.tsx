import { useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, adminPath } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, Screen } from '../ui.tsx';
import { useLinkCheck } from './link-check.ts';

function RequestReset() {
  const { t } = useI18n();
  const { api } = useSession();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post('/auth/password-reset', { email });
      setSent(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Screen title={t('reset.requestTitle')}>
      {sent ? (
        <Notice>{t('reset.requestSent')}</Notice>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <p>{t('reset.requestIntro')}</p>
          <Field
            label={t('field.email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <ErrorMessage error={error} />
          <button type="submit">{t('reset.requestSubmit')}</button>
        </form>
      )}
    </Screen>
  );
}

function CompleteReset({ token }: { token: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { info, error: linkError } = useLinkCheck(api, token);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post('/auth/password-reset/complete', { token, password });
      setDone(true);
    } catch (e) {
      setError(e);
    }
  };
  let content;
  if (done)
    content = (
      <>
        <Notice>{t('reset.done')}</Notice>
        <Link href={adminPath('sign-in')}>{t('reset.toSignIn')}</Link>
      </>
    );
  else if (linkError) content = <ErrorMessage error={linkError} />;
  else if (!info) content = <Loading />;
  else if (info.purpose !== 'reset')
    content = <ErrorMessage error={new ApiError(404, 'link_invalid', 'link_invalid')} />;
  else
    content = (
      <form onSubmit={(e) => void submit(e)}>
        <Field
          label={t('field.newPassword')}
          hint={t('field.passwordHint')}
          type="password"
          name="password"
          autoComplete="new-password"
          minLength={12}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit">{t('reset.completeSubmit')}</button>
      </form>
    );
  return <Screen title={t('reset.completeTitle')}>{content}</Screen>;
}

/** /admin/reset asks for a link; /admin/reset?token=… sets the new password. */
export function ResetScreen({ search }: ScreenProps) {
  const token = search.get('token');
  return token ? <CompleteReset token={token} /> : <RequestReset />;
}
