// Placeholder: the article editor (editor branch) replaces this file.
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Screen } from '../ui.tsx';

export function EditorScreen(_props: ScreenProps) {
  const { t } = useI18n();
  return (
    <Screen title={t('nav.articles')}>
      <p>{t('editor.placeholder')}</p>
    </Screen>
  );
}

export function RevisionsScreen(_props: ScreenProps) {
  return <EditorScreen {..._props} />;
}
