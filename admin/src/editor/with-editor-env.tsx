// The editor's, revisions' and media library's environment from the shell: the session's API client
// and CSRF token, the router, the signed-in staff member. Kept apart from the editor so the media
// library's chunk does not carry TipTap.
import { useMemo, useRef, type ReactNode } from 'react';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Loading } from '../ui.tsx';
import { EditorEnvProvider, type EditorEnv } from './editor-env.tsx';

export function WithEditorEnv({ children }: { children: ReactNode }) {
  const { state, api } = useSession();
  const token = useRef<string | null>(null);
  token.current = state?.csrf_token ?? null;
  const staff = state?.staff;
  const env = useMemo<EditorEnv | null>(
    () =>
      staff
        ? {
            api,
            csrfToken: () => token.current,
            navigate,
            staff: { id: staff.id, role: staff.role, language: staff.language },
          }
        : null,
    [api, staff],
  );
  if (!env) return <Loading />;
  return <EditorEnvProvider env={env}>{children}</EditorEnvProvider>;
}
