// The article editor, its conflict screen and the revisions screen. The shell mounts these screens
// inside an EditorEnvProvider (API client, CSRF token, navigation, the signed-in staff member).
export { ArticleEditorScreen } from './ArticleEditorScreen.tsx';
export { RevisionsScreen } from './RevisionsScreen.tsx';
export { EditorEnvProvider, type EditorEnv } from './editor-env.tsx';
