import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/staff/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { OWNER, setUpOwner, staffBrowser, type StaffBrowser } from '../support/staff-browser.ts';
import { waitFor } from '../support/wait-for.ts';

// Staff management over real HTTP with the outbox as the mail adapter: invites (mailed, expiring,
// single use, refused for an address that has an account or a role that does not exist), role
// changes, disabling, ownership, password reset by mail, and who may read the outbox.

const DAY = 24 * 3600_000;
const EDITOR = { name: 'Pavel Orlov', email: 'pavel@news.example', password: 'copper kettle on a slow boat' };

describe.each(testDatabases)('staff invites and resets on %s', (dialect) => {
  let t: TestApp;
  let clock = Date.parse('2026-11-29T12:00:10Z');
  const now = () => new Date(clock);
  let owner: StaffBrowser;
  let editor: StaffBrowser;
  let editorSecret: string;
  let editorId: string;
  let ownerSecret: string;

  /** Password, then a TOTP code of a new step. */
  async function signIn(email: string, password: string, secret: string) {
    const browser = staffBrowser(t);
    const first = await browser.post('/auth/sign-in', { email, password });
    expect(first.status, first.text).toBe(200);
    clock += 30_000;
    const second = await browser.post('/auth/second-factor', { code: totpCode(secret, now()) });
    expect(second.status, second.text).toBe(200);
    return browser;
  }

  beforeAll(async () => {
    t = await startTestApp(dialect, { now });
    ({ browser: owner, secret: ownerSecret } = await setUpOwner(t, now));
  });
  afterAll(async () => {
    await t?.close();
  });

  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  const inviteCount = async () =>
    (await t.db.kysely.selectFrom('setup_tokens').select('id').where('purpose', '=', 'invite').execute())
      .length;
  const outbox = async () =>
    (await owner.get<{ messages: Array<{ id: string; to: string; subject: string }> }>('/outbox')).body
      .messages;

  it('invites an editor: the link is answered and mailed to the outbox', async () => {
    const res = await owner.post<{ invite_url: string; mailed: boolean }>('/staff/invites', {
      email: EDITOR.email,
      role: 'editor',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.invite_url).toMatch(/^https:\/\/news\.example\/admin\/invite\?token=invite_/);
    expect(res.body.mailed).toBe(true);
    const [message] = await outbox();
    expect(message).toMatchObject({
      to: EDITOR.email,
      subject: `You are invited to ${t.services.publicationName()}`,
    });
    const full = await owner.get<{ text: string; html: string }>(`/outbox/${message!.id}`);
    expect(full.body.text).toContain(res.body.invite_url);
    expect(full.body.html).toContain(res.body.invite_url.replaceAll('&', '&amp;'));

    const list = await owner.get<{ invites: Array<{ email: string; role: string }> }>('/staff');
    expect(list.body.invites).toEqual([expect.objectContaining({ email: EDITOR.email, role: 'editor' })]);
  });

  it('accepts the invite once: account, enrolment, and the role it named', async () => {
    const { invite_url } = (
      await owner.post<{ invite_url: string }>('/staff/invites', { email: EDITOR.email, role: 'editor' })
    ).body;
    const token = tokenOf(invite_url);
    editor = staffBrowser(t);
    expect((await editor.get(`/auth/links/${token}`)).body).toEqual({
      purpose: 'invite',
      email: EDITOR.email,
    });
    const weak = await editor.post('/auth/invite/accept', {
      token,
      name: EDITOR.name,
      password: 'pavel@news.example!!',
    });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('weak_password');
    const accepted = await editor.post('/auth/invite/accept', {
      token,
      name: EDITOR.name,
      password: EDITOR.password,
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toEqual({ next: 'enrol', methods: [] });
    const enrol = await editor.post<{ secret: string }>('/auth/totp/enrol');
    editorSecret = enrol.body.secret;
    expect(
      (await editor.post('/auth/totp/enrol/confirm', { code: totpCode(editorSecret, now()) })).status,
    ).toBe(200);
    const state = await editor.get('/auth/state');
    expect(state.body.staff).toMatchObject({ email: EDITOR.email, role: 'editor' });
    editorId = state.body.staff.id;
    expect((await editor.get('/staff')).status).toBe(403);
    expect((await editor.get('/outbox')).status).toBe(403);

    const reused = await staffBrowser(t).post('/auth/invite/accept', {
      token,
      name: 'Copy',
      password: EDITOR.password,
    });
    expect(reused.status).toBe(404);
    expect(reused.body.error.code).toBe('link_invalid');
  });

  it('refuses an invite to an address that has an account, and a role that does not exist', async () => {
    const before = await inviteCount();
    const existing = await owner.post('/staff/invites', {
      email: EDITOR.email.toUpperCase(),
      role: 'author',
    });
    expect(existing.status).toBe(409);
    expect(existing.body.error.message).toMatch(/already has an account/);
    const badRole = await owner.post('/staff/invites', { email: 'new@news.example', role: 'superuser' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.code).toBe('invalid_input');
    const owners = await owner.post('/staff/invites', { email: 'new@news.example', role: 'owner' });
    expect(owners.status).toBe(400);
    expect(await inviteCount()).toBe(before);
    const badPatch = await owner.patch(`/staff/${editorId}`, { role: 'superuser' });
    expect(badPatch.status).toBe(400);
  });

  it('refuses an expired invite', async () => {
    const { invite_url } = (
      await owner.post<{ invite_url: string }>('/staff/invites', {
        email: 'late@news.example',
        role: 'author',
      })
    ).body;
    clock += 8 * DAY;
    await owner.refresh();
    const late = await staffBrowser(t).post('/auth/invite/accept', {
      token: tokenOf(invite_url),
      name: 'Late',
      password: 'a perfectly good passphrase',
    });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('link_invalid');
    expect((await t.db.kysely.selectFrom('staff_users').select('id').execute()).length).toBe(2);
  });

  it("changes a role, and disabling ends the person's sessions and sign-ins", async () => {
    // Both signed in 8 days ago: past the idle expiry.
    owner = await signIn(OWNER.email, OWNER.password, ownerSecret);
    editor = await signIn(EDITOR.email, EDITOR.password, editorSecret);
    expect((await owner.patch(`/staff/${editorId}`, { role: 'author' })).status).toBe(204);
    expect((await editor.get('/auth/state')).body.staff.role).toBe('author');
    expect((await owner.patch(`/staff/${editorId}`, { disabled: true })).status).toBe(204);
    expect((await editor.get('/articles')).status).toBe(401);
    const refused = await staffBrowser(t).post('/auth/sign-in', {
      email: EDITOR.email,
      password: EDITOR.password,
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('sign_in_failed');
    const list = await owner.get<{
      staff: Array<{ id: string; role: string; disabled: boolean; has_totp: boolean }>;
    }>('/staff');
    expect(list.body.staff.find((s) => s.id === editorId)).toMatchObject({
      role: 'author',
      disabled: true,
      has_totp: true,
    });
    // Nobody changes their own account or the owner's here.
    const ownerId = (await owner.get('/auth/state')).body.staff.id;
    expect((await owner.patch(`/staff/${ownerId}`, { role: 'admin' })).status).toBe(403);
    expect((await owner.patch(`/staff/${editorId}`, { disabled: false })).status).toBe(204);
  });

  it('transfers ownership: the new owner, and the old one an admin', async () => {
    editor = await signIn(EDITOR.email, EDITOR.password, editorSecret);
    expect((await editor.post(`/staff/${editorId}/transfer-ownership`)).status).toBe(403);
    expect((await owner.patch(`/staff/${editorId}`, { role: 'admin' })).status).toBe(204);
    expect((await editor.post(`/staff/${editorId}/transfer-ownership`)).status).toBe(403);
    const moved = await owner.post(`/staff/${editorId}/transfer-ownership`);
    expect(moved.status, moved.text).toBe(204);
    expect((await owner.get('/auth/state')).body.staff.role).toBe('admin');
    expect((await editor.get('/auth/state')).body.staff.role).toBe('owner');
    // The outbox now belongs to the new owner.
    expect((await owner.get('/outbox')).status).toBe(403);
    expect((await editor.get('/outbox')).status).toBe(200);
  });

  it('resets a password by a mailed link, used once; the answer is the same for an unknown address', async () => {
    const mailsBefore = (await editor.get<{ messages: unknown[] }>('/outbox')).body.messages.length;
    const unknown = await staffBrowser(t).post('/auth/password-reset', { email: 'nobody@news.example' });
    const known = await staffBrowser(t).post('/auth/password-reset', { email: OWNER.email });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    let resetMail: { id: string; subject: string } | undefined;
    await waitFor(async () => {
      const messages = (
        await editor.get<{ messages: Array<{ id: string; to: string; subject: string }> }>('/outbox')
      ).body.messages;
      resetMail = messages.find((m) => m.to === OWNER.email && m.subject.startsWith('Set a new password'));
      return messages.length === mailsBefore + 1 && !!resetMail;
    });
    const text = (await editor.get<{ text: string }>(`/outbox/${resetMail!.id}`)).body.text;
    const url = /https:\/\/news\.example\/admin\/reset\?token=\S+/.exec(text)![0];
    const token = tokenOf(url);
    expect((await staffBrowser(t).get(`/auth/links/${token}`)).body).toEqual({
      purpose: 'reset',
      email: OWNER.email,
    });

    const weak = await staffBrowser(t).post('/auth/password-reset/complete', {
      token,
      password: 'qwertyuiop123',
    });
    expect(weak.status).toBe(422);
    const done = await staffBrowser(t).post('/auth/password-reset/complete', {
      token,
      password: 'amber lanterns over the river',
    });
    expect(done.status, done.text).toBe(204);
    // Every session of the account ended; the new password signs in, the old one does not.
    expect((await owner.get('/articles')).status).toBe(401);
    const again = await staffBrowser(t).post('/auth/password-reset/complete', {
      token,
      password: 'yet another long phrase',
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('link_invalid');
    expect(
      (await staffBrowser(t).post('/auth/sign-in', { email: OWNER.email, password: OWNER.password })).status,
    ).toBe(401);
    owner = await signIn(OWNER.email, 'amber lanterns over the river', ownerSecret);
  });

  it('refuses an expired reset link', async () => {
    await staffBrowser(t).post('/auth/password-reset', { email: EDITOR.email });
    let url: string | undefined;
    await waitFor(async () => {
      const messages = (
        await editor.get<{ messages: Array<{ id: string; to: string; subject: string }> }>('/outbox')
      ).body.messages;
      const mail = messages.find((m) => m.to === EDITOR.email && m.subject.startsWith('Set a new password'));
      if (!mail) return false;
      url = /https:\/\/news\.example\/admin\/reset\?token=\S+/.exec(
        (await editor.get<{ text: string }>(`/outbox/${mail.id}`)).body.text,
      )![0];
      return true;
    });
    clock += 3600_000 + 1000;
    const late = await staffBrowser(t).post('/auth/password-reset/complete', {
      token: tokenOf(url!),
      password: 'amber lanterns over the sea',
    });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('link_invalid');
  });
});
