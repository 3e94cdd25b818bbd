import { totpCode } from '../../src/modules/staff/index.ts';
import type { TestApp } from './test-app.ts';

export interface StaffAnswer<T = Record<string, unknown>> {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test names what it reads
  body: T & Record<string, any>;
  headers: Headers;
  text: string;
}

/**
 * What the admin app does over HTTP: keeps the session cookie as a browser would, reads the CSRF
 * token from /auth/state and sends it on everything that changes something.
 */
export function staffBrowser(t: TestApp, options: { userAgent?: string } = {}) {
  let cookie: string | undefined;
  let csrf: string | null = null;

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<StaffAnswer<T>> {
    const headers: Record<string, string> = { ...extra.headers };
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf && extra.csrf !== false && method !== 'GET') headers['x-csrf-token'] = csrf;
    const res = await t.fetch(`/api/admin/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = /^samizdat_session=([^;]*)/.exec(setCookie)?.[1];
      cookie = value ? `samizdat_session=${value}` : undefined;
      csrf = null;
      if (cookie) await refresh();
    }
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as StaffAnswer<T>['body'],
      headers: res.headers,
      text,
    };
  }

  async function refresh() {
    const res = await t.fetch('/api/admin/v1/auth/state', { headers: cookie ? { cookie } : {} });
    csrf = ((await res.json()) as { csrf_token: string | null }).csrf_token;
  }

  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, extra?: { csrf?: boolean }) =>
      call<T>('POST', path, body, extra),
    patch: <T = Record<string, unknown>>(path: string, body: unknown, extra?: { csrf?: boolean }) =>
      call<T>('PATCH', path, body, extra),
    put: <T = Record<string, unknown>>(path: string, body: unknown, extra?: { csrf?: boolean }) =>
      call<T>('PUT', path, body, extra),
    delete: <T = Record<string, unknown>>(path: string, extra?: { csrf?: boolean }) =>
      call<T>('DELETE', path, undefined, extra),
    refresh,
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    get csrf() {
      return csrf;
    },
  };
}

export type StaffBrowser = ReturnType<typeof staffBrowser>;

export const OWNER = {
  name: 'Irina Volkova',
  email: 'irina@news.example',
  password: 'violet tram folds under rain',
};

/**
 * The first run: the setup link, the owner's account, TOTP enrolment with a code computed from the
 * secret as a phone would. Answers the signed-in browser, the secret and the recovery codes.
 */
export async function setUpOwner(t: TestApp, at: () => Date = () => new Date()) {
  const token = await t.services.setupTokens.issueFirstOwnerToken();
  const browser = staffBrowser(t);
  const setup = await browser.post('/auth/setup', { token, ...OWNER, language: 'en' });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${setup.text}`);
  const enrol = await browser.post<{ secret: string }>('/auth/totp/enrol');
  if (enrol.status !== 200) throw new Error(`enrol failed: ${enrol.status} ${enrol.text}`);
  const secret = enrol.body.secret;
  const confirm = await browser.post<{ recovery_codes: string[] }>('/auth/totp/enrol/confirm', {
    code: totpCode(secret, at()),
  });
  if (confirm.status !== 200) throw new Error(`confirm failed: ${confirm.status} ${confirm.text}`);
  return { browser, secret, recoveryCodes: confirm.body.recovery_codes, token };
}
