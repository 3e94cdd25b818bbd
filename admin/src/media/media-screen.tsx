// Placeholder: the media library (editor branch) replaces this file.
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Screen } from '../ui.tsx';

export function MediaScreen(_props: ScreenProps) {
  const { t } = useI18n();
  return (
    <Screen title={t('nav.media')}>
      <p>{t('media.placeholder')}</p>
    </Screen>
  );
}
