import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Screen } from '../ui.tsx';

export function SettingsScreen(_props: ScreenProps) {
  const { t } = useI18n();
  return (
    <Screen title={t('nav.settings')}>
      <p>{t('app.comingSoon')}</p>
    </Screen>
  );
}
