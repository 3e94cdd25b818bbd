import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { adminPath, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Loading, Screen } from '../ui.tsx';
import { NewAccountForm } from './account-form.tsx';
import { useLinkCheck } from './link-check.ts';
import { Enrol } from './two-step.tsx';
import { ApiError } from '../api/client.ts';

/** The first owner: the link `serve` printed, an account, then the authenticator. */
export function SetupScreen({ search }: ScreenProps) {
  const { t } = useI18n();
  const { api, state, refresh } = useSession();
  const token = search.get('token');
  const { info, error } = useLinkCheck(api, token);
  const enrolling = state?.session?.stage === 'pending' && state.session.next === 'enrol';
  const wrongLink = !token || (info && info.purpose !== 'first-owner');
  return (
    <Screen title={enrolling ? t('enrol.title') : t('setup.title')}>
      {enrolling ? (
        <Enrol onDone={() => navigate(adminPath('articles'), { replace: true })} />
      ) : wrongLink ? (
        <ErrorMessage error={new ApiError(404, 'link_invalid', 'link_invalid')} />
      ) : error ? (
        <ErrorMessage error={error} />
      ) : !info ? (
        <Loading />
      ) : (
        <>
          <p>{t('setup.intro')}</p>
          <NewAccountForm
            askEmail
            submitLabel={t('setup.submit')}
            onSubmit={async (account) => {
              await api.post('/auth/setup', { token, ...account });
              await refresh();
            }}
          />
        </>
      )}
    </Screen>
  );
}
