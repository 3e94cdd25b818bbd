// The shell's routes for the editor and revisions screens: they give the editor its environment
// (the session's API client and CSRF token, the router, the signed-in staff member).
import type { ScreenProps } from '../app.tsx';
import { ArticleEditorScreen } from './ArticleEditorScreen.tsx';
import { WithEditorEnv } from './with-editor-env.tsx';
import { RevisionsScreen as Revisions } from './RevisionsScreen.tsx';

export function EditorScreen({ params }: ScreenProps) {
  return (
    <WithEditorEnv>
      <ArticleEditorScreen articleId={params.id ?? null} />
    </WithEditorEnv>
  );
}

export function RevisionsScreen({ params }: ScreenProps) {
  return (
    <WithEditorEnv>
      <Revisions articleId={params.id ?? ''} />
    </WithEditorEnv>
  );
}
