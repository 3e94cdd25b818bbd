import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createServices } from '../../src/web/services.ts';
import { tempDir } from '../support/temp-dir.ts';
import { OWNER } from '../support/staff-browser.ts';

// `samizdat staff invite | list | reset-2fa` against a real site in a DATA_DIR, as an operator
// runs them; the effects are checked through the same services the server uses.

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');

describe('samizdat staff', () => {
  const dataDir = tempDir('cli-staff');
  const env = {
    DATA_DIR: dataDir,
    SITE_URL: 'https://news.example',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'never',
  };
  const samizdat = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return {
      code: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      last: r.stdout.trim().split('\n').at(-1) ?? '',
    };
  };
  const services = async () => createServices(loadConfig({ env, cwd: dataDir }), { changeFeed: false });
  const cliEntries = (s: Awaited<ReturnType<typeof services>>) =>
    s.db.kysely.selectFrom('audit_log').selectAll().where('origin', '=', 'CLI').orderBy('id').execute();

  it('invites, lists and resets a lost second factor', async () => {
    expect(samizdat(['migrate']).code).toBe(0);

    const invite = samizdat(['staff', 'invite', '--email', 'Olga@News.example', '--role', 'editor']);
    expect(invite.code, invite.stderr).toBe(0);
    expect(invite.last).toMatch(/^https:\/\/news\.example\/admin\/invite\?token=invite_[A-Za-z0-9_-]+$/);
    expect(invite.stdout).toContain('Invited olga@news.example as editor (mailed to the outbox)');
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);

    const badRole = samizdat(['staff', 'invite', '--email', 'x@news.example', '--role', 'superuser']);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/role/);
    expect(samizdat(['staff', 'invite', '--email', 'x@news.example']).code).toBe(2);

    // An owner with a second factor, made as the setup screen would.
    let s = await services();
    try {
      // The invite is in the audit log, by the system from the CLI; the refused one is not.
      expect(await cliEntries(s)).toEqual([
        expect.objectContaining({
          actor_kind: 'system',
          origin: 'CLI',
          action: 'staff.invite',
          object_type: 'staff_invite',
          summary: 'invited someone as editor',
        }),
      ]);
      const token = await s.setupTokens.issueFirstOwnerToken();
      await s.signIn.setup({ token, ...OWNER }, { address: '127.0.0.1', userAgent: undefined });
      await s.db.kysely.updateTable('staff_users').set({ totp_secret_sealed: 'v1.placeholder' }).execute();
    } finally {
      await s.close();
    }

    const list = samizdat(['staff', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`owner\\s+active\\s+${OWNER.email}\\s+${OWNER.name}`));
    expect(list.stdout).toMatch(/invite\s+editor\s+until \S+\s+olga@news\.example/);

    const reset = samizdat(['staff', 'reset-2fa', OWNER.email]);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.last).toMatch(/^https:\/\/news\.example\/admin\/reset\?token=reset_/);
    expect(reset.stderr).toContain('second factor reset from the command line');
    const resetToken = new URL(reset.last).searchParams.get('token')!;

    s = await services();
    try {
      const row = await s.db.kysely.selectFrom('staff_users').selectAll().executeTakeFirstOrThrow();
      expect(row.totp_secret_sealed).toBeNull();
      expect(row.password_hash).toBeNull();
      expect((await cliEntries(s)).map((e) => [e.action, e.object_id])).toEqual([
        ['staff.invite', expect.any(String)],
        ['staff.reset_second_factor', row.id],
      ]);
      expect(await s.signIn.linkInfo(resetToken)).toEqual({ purpose: 'reset', email: OWNER.email });
      // The password alone no longer signs in: only the printed link leads back in.
      await expect(
        s.signIn.signIn(
          { email: OWNER.email, password: OWNER.password },
          { address: '127.0.0.1', userAgent: undefined },
        ),
      ).rejects.toMatchObject({ code: 'sign_in_failed' });
      await s.signIn.completePasswordReset({ token: resetToken, password: 'a brand new long passphrase' });
      const again = await s.signIn.signIn(
        { email: OWNER.email, password: 'a brand new long passphrase' },
        { address: '127.0.0.1', userAgent: undefined },
      );
      expect(again.next).toBe('enrol');
    } finally {
      await s.close();
    }

    const unknown = samizdat(['staff', 'reset-2fa', 'nobody@news.example']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('does not exist');
  }, 120_000);
});
