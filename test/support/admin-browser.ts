// The admin app in a browser: the real server with the built SPA and the public site, and a
// browser context signed in as a staff member of a given role.
import type { Browser, BrowserContext } from 'playwright-core';
import type { DialectName } from '../../src/db/dialect.ts';
import type { Role } from '../../src/modules/staff/index.ts';
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
  /** The Admin API from this context, as the signed-in person (for checking what the server refuses). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

/**
 * A browser context acting as a staff member with `role`. Stand-in until staff sign-in lands on
 * this branch: the context sends an Admin API key of that role with every request (the API
 * decides with the same operations and permission checks), and GET /auth/state, which the shell
 * reads to know who is signed in, answers with a full session of that role.
 */
export async function staffContext(
  browser: Browser,
  t: TestApp,
  role: Role,
  name = `Test ${role}`,
): Promise<StaffContext> {
  const key = await t.key(role);
  const context = await browser.newContext({ baseURL: t.baseUrl });
  await context.setExtraHTTPHeaders({ Authorization: `Bearer ${key}` });
  await context.route('**/api/admin/v1/auth/state', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        needs_first_owner: false,
        session: { stage: 'full', next: null, methods: ['totp'] },
        staff: { id: `staff-${role}`, name, email: `${role}@news.example`, role, language: 'en' },
        csrf_token: 'not-needed-with-a-key',
      }),
    }),
  );
  return {
    context,
    role,
    async api(method, path, body) {
      const response = await context.request.fetch(`${t.baseUrl}/api/admin/v1${path}`, {
        method,
        ...(body !== undefined ? { data: body } : {}),
      });
      let json: unknown = null;
      try {
        json = await response.json();
      } catch {
        json = null;
      }
      return { status: response.status(), json };
    },
  };
}
