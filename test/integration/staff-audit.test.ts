import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, totpCode } from '../../src/modules/staff/index.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { OWNER, setUpOwner, staffBrowser, type StaffBrowser } from '../support/staff-browser.ts';
import { softAuthenticator } from '../support/soft-authenticator.ts';
import { waitFor } from '../support/wait-for.ts';

// Staff management and account security in the audit log, over real HTTP: each change leaves
// exactly one entry naming who, what and which account (by id, never an address or a name), and
// a refused change (bad input, no permission) leaves none. Failed sign-ins change nothing: no entry.

const EDITOR = { name: 'Pavel Orlov', email: 'pavel@news.example', password: 'copper kettle on a slow boat' };

interface Entry {
  actor_kind: string;
  actor_id: string;
  origin: string;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
}

describe.each(testDatabases)('staff changes in the audit log on %s', (dialect) => {
  let t: TestApp;
  let clock = Date.parse('2026-11-29T12:00:10Z');
  const now = () => new Date(clock);
  let owner: StaffBrowser;
  let ownerId: string;
  let ownerSecret: string;
  let editor: StaffBrowser;
  let editorId: string;
  let editorSecret: string;
  let lastId = 0;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The entries written since the last call. */
  async function newEntries(): Promise<Entry[]> {
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .execute();
    if (rows.length > 0) lastId = Number(rows[rows.length - 1]!.id);
    return rows.map((r) => ({
      actor_kind: r.actor_kind,
      actor_id: r.actor_id,
      origin: r.origin,
      action: r.action,
      object_type: r.object_type,
      object_id: r.object_id,
      summary: r.summary,
    }));
  }

  /** Exactly one new entry, by a staff member in the admin app, with no personal data. */
  async function oneEntry(expected: Partial<Entry>): Promise<Entry> {
    const entries = await newEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ origin: 'admin app', actor_kind: 'staff', ...expected });
    for (const personal of [OWNER.email, OWNER.name, EDITOR.email, EDITOR.name, '@'])
      expect(entries[0]!.summary).not.toContain(personal);
    return entries[0]!;
  }

  async function noEntry(): Promise<void> {
    expect(await newEntries()).toEqual([]);
  }

  async function signIn(email: string, password: string, secret: string) {
    const browser = staffBrowser(t);
    expect((await browser.post('/auth/sign-in', { email, password })).status).toBe(200);
    clock += 30_000;
    const second = await browser.post('/auth/second-factor', { code: totpCode(secret, now()) });
    expect(second.status, second.text).toBe(200);
    return browser;
  }

  it('records the first owner and their second factor', async () => {
    ({ browser: owner, secret: ownerSecret } = await setUpOwner(t, now));
    ownerId = (await owner.get<{ staff: { id: string } }>('/auth/state')).body.staff.id;
    const entries = await newEntries();
    expect(entries).toEqual([
      {
        actor_kind: 'staff',
        actor_id: ownerId,
        origin: 'admin app',
        action: 'staff.create',
        object_type: 'staff',
        object_id: ownerId,
        summary: 'created the first owner with the setup link',
      },
      {
        actor_kind: 'staff',
        actor_id: ownerId,
        origin: 'admin app',
        action: 'staff.second_factor',
        object_type: 'staff',
        object_id: ownerId,
        summary: 'enrolled an authenticator app; new recovery codes',
      },
    ]);
  });

  it('records nothing for failed or throttled sign-ins, nor for a plain sign-in', async () => {
    for (let i = 0; i < 6; i++)
      await staffBrowser(t).post('/auth/sign-in', { email: OWNER.email, password: 'wrong password here' });
    await noEntry();
    clock += 3600_000;
    await signIn(OWNER.email, OWNER.password, ownerSecret);
    await noEntry();
  });

  it('records an invite created and withdrawn, and refuses without entries', async () => {
    expect((await owner.post('/staff/invites', { email: 'x@news.example', role: 'owner' })).status).toBe(400);
    expect((await owner.post('/staff/invites', { email: 'not an address', role: 'editor' })).status).toBe(
      400,
    );
    expect((await owner.post('/staff/invites', { email: OWNER.email, role: 'editor' })).status).toBe(409);
    await noEntry();

    const made = await owner.post('/staff/invites', { email: 'olga@news.example', role: 'author' });
    expect(made.status, made.text).toBe(201);
    const invite = await oneEntry({
      actor_id: ownerId,
      action: 'staff.invite',
      object_type: 'staff_invite',
      summary: 'invited someone as author',
    });
    const listed = await owner.get<{ invites: Array<{ id: string }> }>('/staff');
    expect(listed.body.invites.map((i) => i.id)).toEqual([invite.object_id]);

    expect((await owner.delete(`/staff/invites/${invite.object_id}`)).status).toBe(204);
    await oneEntry({
      actor_id: ownerId,
      action: 'staff.invite_withdraw',
      object_type: 'staff_invite',
      object_id: invite.object_id,
    });
    expect((await owner.delete(`/staff/invites/${invite.object_id}`)).status).toBe(404);
    await noEntry();
  });

  it('records an invite accepted as the new account, and its second factor', async () => {
    const made = await owner.post<{ invite_url: string }>('/staff/invites', {
      email: EDITOR.email,
      role: 'editor',
    });
    await oneEntry({ action: 'staff.invite' });
    const token = new URL(made.body.invite_url).searchParams.get('token')!;

    const weak = await staffBrowser(t).post('/auth/invite/accept', {
      token,
      name: EDITOR.name,
      password: 'qwertyuiop123',
    });
    expect(weak.status).toBe(422);
    await noEntry();

    editor = staffBrowser(t);
    const accepted = await editor.post('/auth/invite/accept', {
      token,
      name: EDITOR.name,
      password: EDITOR.password,
    });
    expect(accepted.status, accepted.text).toBe(200);
    editorId = (await editor.get<{ staff: { id: string } }>('/auth/state')).body.staff.id;
    await oneEntry({
      actor_id: editorId,
      action: 'staff.create',
      object_type: 'staff',
      object_id: editorId,
      summary: 'accepted an invite as editor',
    });

    editorSecret = (await editor.post<{ secret: string }>('/auth/totp/enrol')).body.secret;
    await noEntry(); // a secret not yet confirmed changes nothing
    expect((await editor.post('/auth/totp/enrol/confirm', { code: '000000' })).status).toBe(401);
    await noEntry();
    clock += 30_000;
    const confirmed = await editor.post('/auth/totp/enrol/confirm', { code: totpCode(editorSecret, now()) });
    expect(confirmed.status, confirmed.text).toBe(200);
    await oneEntry({ actor_id: editorId, action: 'staff.second_factor', object_id: editorId });
  });

  it('records a role change, disabling and enabling; refuses without entries', async () => {
    expect((await owner.patch(`/staff/${editorId}`, { role: 'superuser' })).status).toBe(400);
    expect((await owner.patch(`/staff/${ownerId}`, { role: 'admin' })).status).toBe(403);
    expect((await editor.patch(`/staff/${ownerId}`, { disabled: true })).status).toBe(403);
    expect((await owner.patch(`/staff/${editorId}`, { role: 'owner' })).status).toBe(403);
    await noEntry();

    expect((await owner.patch(`/staff/${editorId}`, { role: 'admin' })).status).toBe(204);
    await oneEntry({
      actor_id: ownerId,
      action: 'staff.role',
      object_id: editorId,
      summary: 'changed the role from editor to admin',
    });
    // The role it already has: nothing changed, nothing recorded.
    expect((await owner.patch(`/staff/${editorId}`, { role: 'admin' })).status).toBe(204);
    await noEntry();
    expect((await owner.patch(`/staff/${editorId}`, { disabled: true })).status).toBe(204);
    await oneEntry({ actor_id: ownerId, action: 'staff.disable', object_id: editorId });
    expect((await owner.patch(`/staff/${editorId}`, { disabled: false })).status).toBe(204);
    await oneEntry({ actor_id: ownerId, action: 'staff.enable', object_id: editorId });
    editor = await signIn(EDITOR.email, EDITOR.password, editorSecret);
    await noEntry();
  });

  it('records a passkey added, not a refused registration', async () => {
    const key = softAuthenticator(TEST_SITE_URL);
    const options = await owner.post<{ challenge: string }>('/auth/passkeys/registration-options');
    const phished = await owner.post('/auth/passkeys', {
      name: 'Phished',
      response: softAuthenticator(TEST_SITE_URL).register(options.body, 'https://news-example.evil'),
    });
    expect(phished.status).toBe(401);
    await noEntry();
    const again = await owner.post<{ challenge: string }>('/auth/passkeys/registration-options');
    const added = await owner.post('/auth/passkeys', { name: 'Laptop', response: key.register(again.body) });
    expect(added.status, added.text).toBe(201);
    const entry = await oneEntry({ actor_id: ownerId, action: 'staff.passkey_add', object_id: ownerId });
    expect(entry.summary).not.toContain('Laptop');
  });

  it('records a change to one’s own name or language, without the name', async () => {
    expect((await editor.patch('/auth/me', { name: '' })).status).toBe(400);
    expect((await editor.patch('/auth/me', {})).status).toBe(204);
    await noEntry();
    expect((await editor.patch('/auth/me', { name: 'Pavel O.', language: 'ru' })).status).toBe(204);
    const entry = await oneEntry({
      actor_id: editorId,
      action: 'staff.profile',
      object_id: editorId,
      summary: 'changed their name and language',
    });
    expect(entry.summary).not.toContain('Pavel');
  });

  it('records a password change, not one refused', async () => {
    const wrong = await editor.post('/auth/me/password', {
      current_password: 'not my password at all',
      password: 'brass compass under snow',
    });
    expect(wrong.status).toBe(401);
    const weak = await editor.post('/auth/me/password', {
      current_password: EDITOR.password,
      password: 'qwertyuiop123',
    });
    expect(weak.status).toBe(422);
    await noEntry();
    const done = await editor.post('/auth/me/password', {
      current_password: EDITOR.password,
      password: 'brass compass under snow',
    });
    expect(done.status, done.text).toBe(204);
    await oneEntry({ actor_id: editorId, action: 'staff.password_change', object_id: editorId });
    EDITOR.password = 'brass compass under snow';
  });

  it('records a password reset completed by its link, not the request nor a refused one', async () => {
    const before = (await t.services.outbox!.list()).length;
    expect((await staffBrowser(t).post('/auth/password-reset', { email: EDITOR.email })).status).toBe(202);
    let url = '';
    await waitFor(async () => {
      const messages = await t.services.outbox!.list();
      if (messages.length <= before) return false;
      const text = (await t.services.outbox!.get(messages[0]!.id))?.text ?? '';
      url = /https:\/\/news\.example\/admin\/reset\?token=\S+/.exec(text)?.[0] ?? '';
      return url !== '';
    });
    await noEntry();
    const token = new URL(url).searchParams.get('token')!;
    expect(
      (await staffBrowser(t).post('/auth/password-reset/complete', { token, password: 'qwertyuiop123' }))
        .status,
    ).toBe(422);
    await noEntry();
    const done = await staffBrowser(t).post('/auth/password-reset/complete', {
      token,
      password: 'amber lanterns over the river',
    });
    expect(done.status, done.text).toBe(204);
    await oneEntry({ actor_id: editorId, action: 'staff.password_reset', object_id: editorId });
    EDITOR.password = 'amber lanterns over the river';
    editor = await signIn(EDITOR.email, EDITOR.password, editorSecret);
    await noEntry();
  });

  it('records sign out everywhere, not from a pending session', async () => {
    const half = staffBrowser(t);
    await half.post('/auth/sign-in', { email: EDITOR.email, password: EDITOR.password });
    expect((await half.post('/auth/sign-out-everywhere')).status).toBe(401);
    await noEntry();
    expect((await editor.post('/auth/sign-out-everywhere')).status).toBe(204);
    await oneEntry({ actor_id: editorId, action: 'staff.sign_out_everywhere', object_id: editorId });
    // Signing out of one session ends nothing else: not an account change.
    editor = await signIn(EDITOR.email, EDITOR.password, editorSecret);
    expect((await editor.post('/auth/sign-out')).status).toBe(204);
    await noEntry();
    editor = await signIn(EDITOR.email, EDITOR.password, editorSecret);
  });

  it('records ownership transferred; refuses a non-owner without an entry', async () => {
    expect((await editor.post(`/staff/${ownerId}/transfer-ownership`)).status).toBe(403);
    expect((await owner.post(`/staff/${ownerId}/transfer-ownership`)).status).toBe(409);
    await noEntry();
    expect((await owner.post(`/staff/${editorId}/transfer-ownership`)).status).toBe(204);
    await oneEntry({ actor_id: ownerId, action: 'staff.transfer_ownership', object_id: editorId });
  });

  it('records the command line invite and second-factor reset as the system, from the CLI', async () => {
    // What `samizdat staff invite` and `staff reset-2fa` call (cli-staff.test.ts runs the commands).
    await t.services.staff.invite(
      systemActor,
      { email: 'marta@news.example', role: 'editor' },
      { origin: 'CLI' },
    );
    const invite = (await newEntries())[0]!;
    expect(invite).toMatchObject({
      actor_kind: 'system',
      actor_id: 'system',
      origin: 'CLI',
      action: 'staff.invite',
      object_type: 'staff_invite',
    });
    await expect(
      t.services.signIn.resetSecondFactor('nobody@news.example', { actor: systemActor, origin: 'CLI' }),
    ).rejects.toThrow();
    await noEntry();
    await t.services.signIn.resetSecondFactor(EDITOR.email, { actor: systemActor, origin: 'CLI' });
    expect(await newEntries()).toEqual([
      {
        actor_kind: 'system',
        actor_id: 'system',
        origin: 'CLI',
        action: 'staff.reset_second_factor',
        object_type: 'staff',
        object_id: editorId,
        summary: 'cleared the second factor, passkeys, password and sessions; a reset link was made',
      },
    ]);
  });
});
