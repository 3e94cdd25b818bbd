import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Screen } from '../ui.tsx';

export function StaffScreen(_props: ScreenProps) {
  const { t } = useI18n();
  return (
    <Screen title={t('nav.staff')}>
      <p>{t('app.comingSoon')}</p>
    </Screen>
  );
}
