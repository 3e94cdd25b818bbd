// The admin app in a browser: the real server with the built SPA and the public site, and browser
// contexts signed in as staff members of a given role, through the real sign-in (invite accepted,
// TOTP enrolled with a code computed from the secret, a full session cookie, CSRF tokens).
import type { Browser, BrowserContext } from 'playwright-core';
import type { DialectName } from '../../src/db/dialect.ts';
import { lookupHash, seal } from '../../src/crypto/sealed-box.ts';
import { totpCode, type Role } from '../../src/modules/staff/index.ts';
import { createStaffLinks } from '../../src/modules/staff/staff-links.ts';
import { builtAdmin } from './admin-build.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/** The server as `samizdat serve` runs it: Admin API, admin app, public site. */
export async function startAdminSite(dialect: DialectName = 'sqlite'): Promise<TestApp> {
  const admin = await builtAdmin();
  return startTestApp(dialect, { site: true, server: { admin } });
}

export interface StaffContext {
  context: BrowserContext;
  role: Role;
  /** The Admin API from this context, as the signed-in person, with the session's CSRF token. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

const PASSWORD = 'river stones keep their own counsel';
let invited = 0;

/**
 * A browser context signed in as a new staff member with `role`. The invite link is issued as the
 * staff screen's invite does (a one-time link naming the role, for a sealed address); the rest is
 * the contract's HTTP, from inside the context so the browser holds the session cookie.
 */
export async function staffContext(
  browser: Browser,
  t: TestApp,
  role: Role,
  name = `Test ${role}`,
): Promise<StaffContext> {
  const email = `staff-${++invited}-${role}@news.example`;
  const { keys, db } = t.services;
  const { token } = await createStaffLinks(keys.hashing).issue(db.kysely, 'invite', new Date(), {
    email_sealed: seal(keys.encryption, email),
    email_hash: lookupHash(keys.hashing, email),
    role,
  });
  const context = await browser.newContext({ baseURL: t.baseUrl });
  const request = context.request;
  const csrf = async (method: string): Promise<Record<string, string>> => {
    if (method === 'GET') return {};
    const state = await (await request.get('/api/admin/v1/auth/state')).json();
    const token = (state as { csrf_token: string | null }).csrf_token;
    return token ? { 'X-CSRF-Token': token } : {};
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await request.fetch(`/api/admin/v1${path}`, {
      method,
      headers: await csrf(method),
      ...(body !== undefined ? { data: body } : {}),
    });
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    return { status: response.status(), json };
  };
  const step = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body);
    if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json as Record<string, unknown>;
  };
  await step('POST', '/auth/invite/accept', { token, name, password: PASSWORD, language: 'en' });
  const { secret } = (await step('POST', '/auth/totp/enrol')) as { secret: string };
  await step('POST', '/auth/totp/enrol/confirm', { code: totpCode(secret, new Date()) });
  return { context, role, api: call };
}
