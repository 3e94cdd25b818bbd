// Who is signed in, from GET /auth/state, shared by every screen; the API client reads the CSRF
// token from here and a 401 anywhere sends the app back to sign-in.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ApiError, createApiClient, type ApiClient } from './api/client.ts';
import type { Language } from './i18n/strings.ts';

export type Role = 'owner' | 'admin' | 'editor' | 'author' | 'contributor';

export interface AuthState {
  needs_first_owner: boolean;
  session: null | {
    stage: 'pending' | 'full';
    next: null | 'totp' | 'enrol';
    methods: Array<'totp' | 'passkey' | 'recovery'>;
  };
  staff: null | { id: string; name: string; email: string; role: Role; language: Language };
  csrf_token: string | null;
}

interface Session {
  state: AuthState | null;
  /** The state could not be read (server down). */
  error: ApiError | null;
  /** The last session ended on its own (idle or absolute expiry), not by signing out. */
  expired: boolean;
  api: ApiClient;
  refresh(): Promise<AuthState | null>;
}

const SessionContext = createContext<Session | null>(null);

const EMPTY: AuthState = { needs_first_owner: false, session: null, staff: null, csrf_token: null };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [expired, setExpired] = useState(false);
  const token = useRef<string | null>(null);

  const load = useCallback(async (): Promise<AuthState | null> => {
    try {
      const response = await fetch('/api/admin/v1/auth/state', {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, response.statusText);
      const next = { ...EMPTY, ...((await response.json()) as Partial<AuthState>) };
      token.current = next.csrf_token;
      setState(next);
      setError(null);
      return next;
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
      return null;
    }
  }, []);

  const api = useMemo(
    () =>
      createApiClient({
        csrfToken: () => token.current,
        refreshCsrf: async () => (await load())?.csrf_token ?? null,
        onUnauthenticated: () => {
          setExpired(true);
          void load();
        },
      }),
    [load],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (state?.session?.stage === 'full') setExpired(false);
  }, [state]);

  const value = useMemo<Session>(
    () => ({ state, error, expired, api, refresh: load }),
    [state, error, expired, api, load],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export type Capability =
  | 'staff'
  | 'keys'
  | 'audit'
  | 'settings'
  | 'taxonomy'
  | 'revenue'
  | 'subscribers'
  | 'newsletters'
  | 'send'
  | 'redirects'
  | 'appeal';

/**
 * Permissions the screens use to show or hide navigation and buttons (the server decides for
 * real): editors prepare newsletter issues and keep redirects (`articles.others`,
 * `taxonomy.write`); money, subscribers' addresses, sending and the appeal are admins' and the
 * owner's.
 */
export function roleCan(role: Role | undefined, what: Capability): boolean {
  if (!role) return false;
  if (what === 'taxonomy' || what === 'newsletters' || what === 'redirects')
    return role === 'owner' || role === 'admin' || role === 'editor';
  return role === 'owner' || role === 'admin';
}
