import { createContext, useContext, type ReactNode } from 'react';
import type { StaffRole } from './may-publish.ts';
import type { Requester } from './admin-types.ts';
import { editorStrings, type EditorStrings } from './editor-strings.ts';

/** What the editor, revisions and media screens get from the admin shell. */
export interface EditorEnv {
  api: Requester;
  /** The session's CSRF token, for the upload (which goes through XMLHttpRequest for progress). */
  csrfToken(): string | null;
  navigate(path: string, options?: { replace?: boolean }): void;
  staff: { id: string; role: StaffRole; language: string };
}

const Env = createContext<EditorEnv | null>(null);

export function EditorEnvProvider({ env, children }: { env: EditorEnv; children: ReactNode }) {
  return <Env.Provider value={env}>{children}</Env.Provider>;
}

export function useEditorEnv(): EditorEnv & { t: EditorStrings } {
  const env = useContext(Env);
  if (!env) throw new Error('useEditorEnv outside EditorEnvProvider');
  return { ...env, t: editorStrings(env.staff.language) };
}
