import type { ScreenProps } from '../app.tsx';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { adminPath, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Loading, Screen } from '../ui.tsx';
import { NewAccountForm } from './account-form.tsx';
import { useLinkCheck } from './link-check.ts';
import { Enrol } from './two-step.tsx';

/** An invited staff member: name, password, language, then the authenticator. */
export function InviteScreen({ search }: ScreenProps) {
  const { t } = useI18n();
  const { api, state, refresh } = useSession();
  const token = search.get('token');
  const { info, error } = useLinkCheck(api, token);
  const enrolling = state?.session?.stage === 'pending' && state.session.next === 'enrol';
  const wrongLink = !token || (info && info.purpose !== 'invite');
  return (
    <Screen title={enrolling ? t('enrol.title') : t('invite.title')}>
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
          <p>{t('invite.intro', { email: info.email ?? '' })}</p>
          <NewAccountForm
            askEmail={false}
            submitLabel={t('invite.submit')}
            onSubmit={async ({ name, password, language }) => {
              await api.post('/auth/invite/accept', { token, name, password, language });
              await refresh();
            }}
          />
        </>
      )}
    </Screen>
  );
}
