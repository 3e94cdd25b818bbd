// Valid inputs for the Admin API's sign-in (/auth/*) and staff operations, for the typed client
// test. The /auth operations run with a staff session's cookie and CSRF token rather than the
// owner's key; each example makes its own staff member, session, invite or mail, so they run in
// any order.
import { totpCode } from '../../src/modules/staff/index.ts';
import type { ExampleCall, ExampleContext, OperationExample } from './api-operation-examples.ts';
import { softAuthenticator } from './soft-authenticator.ts';
import { staffBrowser, type StaffBrowser } from './staff-browser.ts';
import { TEST_SITE_URL } from './test-app.ts';
import { waitFor } from './wait-for.ts';

const PASSWORD = 'copper lanterns drift at noon';
const NEW_PASSWORD = 'seven quiet herons cross the weir';

/** The cookie and CSRF token a browser sends with this session. */
function sessionOf(browser: StaffBrowser): Record<string, string> {
  if (!browser.cookie || !browser.csrf) throw new Error('the browser has no session');
  return { cookie: browser.cookie, 'x-csrf-token': browser.csrf };
}

function expectStatus(what: string, answer: { status: number; text: string }, status: number): void {
  if (answer.status !== status) throw new Error(`${what} failed: ${answer.status} ${answer.text}`);
}

const addressOf = (ctx: ExampleContext) => `${ctx.unique('staff').replace(/\W+/g, '')}@news.example`;

/** An invite made with the owner's key: its address, link token and id. */
async function invite(ctx: ExampleContext, role = 'editor') {
  const email = addressOf(ctx);
  const res = await ctx.admin.post<{ invite_url: string }>('/staff/invites', { email, role });
  expectStatus('inviting', res, 201);
  const token = new URL(res.body.invite_url).searchParams.get('token')!;
  const list = await ctx.admin.get<{ invites: Array<{ id: string; email: string }> }>('/staff');
  const id = list.body.invites.find((i) => i.email === email)!.id;
  return { email, token, id };
}

/** An invite accepted: a pending session that must enrol a second factor. */
async function enrolling(ctx: ExampleContext, role = 'editor') {
  const { email, token } = await invite(ctx, role);
  const browser = staffBrowser(ctx.t);
  const accepted = await browser.post('/auth/invite/accept', {
    token,
    name: ctx.unique('Example Staffer'),
    password: PASSWORD,
    language: 'en',
  });
  expectStatus('accepting the invite', accepted, 200);
  return { email, browser };
}

/** A staff member with TOTP and recovery codes, signed in (a full session). */
async function member(ctx: ExampleContext, role = 'editor') {
  const { email, browser } = await enrolling(ctx, role);
  const enrol = await browser.post<{ secret: string }>('/auth/totp/enrol');
  expectStatus('enrolling', enrol, 200);
  const confirm = await browser.post<{ recovery_codes: string[] }>('/auth/totp/enrol/confirm', {
    code: totpCode(enrol.body.secret, new Date()),
  });
  expectStatus('confirming the enrolment', confirm, 200);
  const state = await browser.get<{ staff: { id: string } }>('/auth/state');
  return { email, browser, id: state.body.staff.id, recoveryCodes: confirm.body.recovery_codes };
}

/** A second browser of the same member after the password: a pending session. */
async function pending(ctx: ExampleContext, email: string): Promise<StaffBrowser> {
  const browser = staffBrowser(ctx.t);
  expectStatus('signing in', await browser.post('/auth/sign-in', { email, password: PASSWORD }), 200);
  return browser;
}

/** A member with a passkey (the authenticator that holds it), and a new pending session. */
async function withPasskey(ctx: ExampleContext) {
  const m = await member(ctx);
  const key = softAuthenticator(TEST_SITE_URL);
  const options = await m.browser.post<{ challenge: string }>('/auth/passkeys/registration-options');
  expectStatus('passkey options', options, 200);
  const registered = await m.browser.post('/auth/passkeys', {
    name: 'Laptop',
    response: key.register(options.body),
  });
  expectStatus('registering a passkey', registered, 201);
  return { key, browser: await pending(ctx, m.email) };
}

/** Does `send`, then answers the new outbox message to this address (mail may go out after the answer). */
async function mailTo(ctx: ExampleContext, email: string, send: () => Promise<void>) {
  const toThem = async () =>
    (await ctx.admin.get<{ messages: Array<{ id: string; to: string }> }>('/outbox')).body.messages
      .filter((m) => m.to === email)
      .map((m) => m.id);
  const before = new Set(await toThem());
  await send();
  let id: string | undefined;
  await waitFor(
    async () => {
      id = (await toThem()).find((m) => !before.has(m));
      return id !== undefined;
    },
    { message: `a mail to ${email}` },
  );
  return (await ctx.admin.get<{ id: string; text: string }>(`/outbox/${id}`)).body;
}

/** A call made with this browser's session instead of the owner's key. */
const withSession = (browser: StaffBrowser, call: ExampleCall = {}): ExampleCall => ({
  ...call,
  headers: sessionOf(browser),
});

/** The /auth operations (staff sessions) and the staff operations (the owner's key). */
export const staffApiExamples: Record<string, OperationExample> = {
  getAuthState: async (ctx) => ({ ...withSession((await member(ctx)).browser), public: true }),
  postAuthSetup: async (ctx) => {
    // The first owner exists only while there is no staff account: this removes those the other
    // examples made (each made its own, and none is needed again).
    const { kysely } = ctx.t.db;
    for (const table of ['staff_sessions', 'staff_passkeys', 'staff_recovery_codes', 'staff_users'] as const)
      await kysely.deleteFrom(table).execute();
    const token = await ctx.t.services.setupTokens.issueFirstOwnerToken();
    return {
      body: { token, name: 'Example Owner', email: addressOf(ctx), password: PASSWORD, language: 'en' },
      public: true,
    };
  },
  getAuthLinksToken: async (ctx) => ({
    params: { path: { token: (await invite(ctx)).token } },
    public: true,
  }),
  postAuthInviteAccept: async (ctx) => ({
    body: { token: (await invite(ctx)).token, name: 'Example Reporter', password: PASSWORD, language: 'ru' },
    public: true,
  }),
  postAuthSignIn: async (ctx) => ({
    body: { email: (await member(ctx)).email, password: PASSWORD },
    public: true,
  }),
  postAuthTotpEnrol: async (ctx) => withSession((await enrolling(ctx)).browser),
  postAuthTotpEnrolConfirm: async (ctx) => {
    const { browser } = await enrolling(ctx);
    const enrol = await browser.post<{ secret: string }>('/auth/totp/enrol');
    expectStatus('enrolling', enrol, 200);
    return withSession(browser, { body: { code: totpCode(enrol.body.secret, new Date()) } });
  },
  postAuthSecondFactor: async (ctx) => {
    const m = await member(ctx);
    return withSession(await pending(ctx, m.email), { body: { recovery_code: m.recoveryCodes[0] } });
  },
  postAuthPasskeysRegistrationOptions: async (ctx) => withSession((await member(ctx)).browser),
  postAuthPasskeys: async (ctx) => {
    const { browser } = await member(ctx);
    const options = await browser.post<{ challenge: string }>('/auth/passkeys/registration-options');
    expectStatus('passkey options', options, 200);
    const response = softAuthenticator(TEST_SITE_URL).register(options.body);
    return withSession(browser, { body: { name: 'Phone', response } });
  },
  postAuthPasskeysAuthenticationOptions: async (ctx) => withSession((await withPasskey(ctx)).browser),
  postAuthPasskeysAuthenticate: async (ctx) => {
    const { key, browser } = await withPasskey(ctx);
    const options = await browser.post<{ challenge: string }>('/auth/passkeys/authentication-options');
    expectStatus('passkey options', options, 200);
    return withSession(browser, { body: { response: key.authenticate(options.body) } });
  },
  // Without a session there is nothing to end, and the answer is the same.
  postAuthSignOut: async (ctx) => ({ ...withSession((await member(ctx)).browser), public: true }),
  postAuthSignOutEverywhere: async (ctx) => withSession((await member(ctx)).browser),
  getAuthSessions: async (ctx) => {
    const m = await member(ctx);
    await pending(ctx, m.email);
    return withSession(m.browser);
  },
  deleteAuthSessionsId: async (ctx) => {
    const m = await member(ctx);
    await pending(ctx, m.email);
    const list = await m.browser.get<{ sessions: Array<{ id: string; current: boolean }> }>('/auth/sessions');
    const other = list.body.sessions.find((s) => !s.current)!;
    return withSession(m.browser, { params: { path: { id: other.id } } });
  },
  postAuthPasswordReset: async (ctx) => ({ body: { email: (await member(ctx)).email }, public: true }),
  postAuthPasswordResetComplete: async (ctx) => {
    const { email } = await member(ctx);
    const { text } = await mailTo(ctx, email, async () => {
      const asked = await ctx.t.fetch('/api/admin/v1/auth/password-reset', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      if (asked.status !== 202) throw new Error(`asking for a reset failed: ${asked.status}`);
    });
    const token = /\/admin\/reset\?token=(\S+)/.exec(text)![1]!;
    return { body: { token: decodeURIComponent(token), password: NEW_PASSWORD }, public: true };
  },
  patchAuthMe: async (ctx) =>
    withSession((await member(ctx)).browser, { body: { name: 'Renamed Staffer', language: 'ru' } }),
  postAuthMePassword: async (ctx) =>
    withSession((await member(ctx)).browser, {
      body: { current_password: PASSWORD, password: NEW_PASSWORD },
    }),

  getStaff: async (ctx) => {
    await member(ctx);
    await invite(ctx, 'author');
    return {};
  },
  postStaffInvites: async (ctx) => ({ body: { email: addressOf(ctx), role: 'editor' } }),
  deleteStaffInvitesId: async (ctx) => ({ params: { path: { id: (await invite(ctx)).id } } }),
  patchStaffId: async (ctx) => ({
    params: { path: { id: (await member(ctx)).id } },
    body: { role: 'author', disabled: false },
  }),
  postStaffIdTransferOwnership: async (ctx) => ({
    params: { path: { id: (await member(ctx, 'admin')).id } },
  }),
  getOutbox: async (ctx) => {
    await invite(ctx);
    return {};
  },
  getOutboxId: async (ctx) => {
    const email = addressOf(ctx);
    const mail = await mailTo(ctx, email, async () => {
      expectStatus('inviting', await ctx.admin.post('/staff/invites', { email, role: 'author' }), 201);
    });
    return { params: { path: { id: mail.id } } };
  },
};
