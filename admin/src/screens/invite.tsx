import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Screen } from '../ui.tsx';

export function InviteScreen(_props: ScreenProps) {
  const { t } = useI18n();
  return (
    <Screen title={t('invite.title')}>
      <p>{t('app.comingSoon')}</p>
    </Screen>
  );
}
