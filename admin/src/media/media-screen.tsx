// The shell's route for the media library.
import type { ScreenProps } from '../app.tsx';
import { WithEditorEnv } from '../editor/with-editor-env.tsx';
import { MediaLibraryScreen } from './MediaLibraryScreen.tsx';

export function MediaScreen(_props: ScreenProps) {
  return (
    <WithEditorEnv>
      <MediaLibraryScreen />
    </WithEditorEnv>
  );
}
