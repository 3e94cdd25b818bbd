import { LinkInvalidError, NotFoundError, SignInFailedError } from '../../domain/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { iso } from '../../lib/time.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { emailSchema, type StaffMember } from './staff-store.ts';
import { ACCOUNT_THROTTLE, RESET_MAIL_THROTTLE } from './throttle-rules.ts';
import { staffMail } from './staff-mail.ts';
import { systemActor, type Actor } from './actor.ts';
import type { SessionList } from './staff.types.ts';
import {
  changePasswordSchema,
  meSchema,
  resetCompleteSchema,
  resetRequestSchema,
} from './sign-in-schemas.ts';
import type { SessionContext, SignInKit } from './sign-in-kit.ts';

const RESET_2FA_TTL_MS = 24 * 3600_000;

/**
 * One's own account: sessions (sign out, everywhere, the list), password reset by mail, name and
 * language, a new password; and, for an owner at the command line, a lost second factor reset.
 */
export function createOwnAccount(kit: SignInKit) {
  const {
    deps,
    kysely,
    now,
    log,
    staff,
    links,
    sessions,
    recovery,
    throttle,
    audit,
    selfActor,
    linkUrl,
    factorKey,
    checkPassword,
  } = kit;
  return {
    async signOut(context: SessionContext): Promise<void> {
      await sessions.remove(kysely, context.staff.id, context.session.id);
    },

    async signOutEverywhere(context: SessionContext): Promise<void> {
      await kysely.transaction().execute(async (trx) => {
        await sessions.removeAll(trx, context.staff.id);
        await audit.record(
          {
            actor: selfActor(context.staff),
            action: 'staff.sign_out_everywhere',
            objectType: 'staff',
            objectId: context.staff.id,
            summary: 'signed out everywhere: every session ended',
          },
          { trx },
        );
      });
    },

    async listSessions(context: SessionContext): Promise<SessionList> {
      const rows = await sessions.listFor(kysely, context.staff.id);
      return {
        sessions: rows.map((r) => ({
          id: r.id,
          current: r.id === context.session.id,
          created_at: r.created_at,
          last_seen_at: r.last_seen_at,
          user_agent_summary: r.user_agent_summary,
        })),
      };
    },

    async removeSession(context: SessionContext, id: string): Promise<void> {
      if (!(await sessions.remove(kysely, context.staff.id, id))) throw new NotFoundError('session', id);
    },

    /**
     * Mails a reset link when the address has an enabled account; answers the same either way,
     * and the mail goes out after the answer so its time tells nothing either.
     */
    async requestPasswordReset(input: unknown): Promise<void> {
      const { email } = parseInput(resetRequestSchema, input);
      const at = now();
      // Counted for every address alike; past three an hour, no more mail, and the same answer.
      const mailKey = throttle.keyOf('reset-mail', email);
      if (await throttle.isLocked(mailKey, at)) return;
      await throttle.fail(mailKey, at, RESET_MAIL_THROTTLE);
      const row = await staff.byEmail(kysely, email);
      if (!row || row.disabled_at !== null) return;
      const { token } = await kysely.transaction().execute(async (trx) => {
        await links.expireFor(trx, 'reset', row.id, at);
        return links.issue(trx, 'reset', at, { staff_id: row.id });
      });
      const mail = staffMail.reset({
        publication: deps.publicationName(),
        name: row.name,
        url: linkUrl('reset', token),
        language: staff.toMember(row).language,
      });
      void deps.mailer
        .send({ to: email, ...mail })
        .catch((err: unknown) =>
          log('error', 'could not send a password reset mail', { error: String(err) }),
        );
    },

    /** A new password from a reset link: every session of the account ends. */
    async completePasswordReset(input: unknown): Promise<void> {
      const data = parseInput(resetCompleteSchema, input);
      const at = now();
      const link = await links.live(kysely, data.token, at, 'reset');
      const row = link?.staff_id ? await staff.byId(kysely, link.staff_id) : undefined;
      if (!link || !row || row.disabled_at !== null) throw new LinkInvalidError();
      const member = staff.toMember(row);
      checkPassword(data.password, { email: member.email, name: member.name });
      const passwordHash = await hashPassword(data.password);
      await kysely.transaction().execute(async (trx) => {
        if (!(await links.use(trx, link.id, at))) throw new LinkInvalidError();
        await trx
          .updateTable('staff_users')
          .set({ password_hash: passwordHash, updated_at: iso(at) })
          .where('id', '=', row.id)
          .execute();
        await sessions.removeAll(trx, row.id);
        await audit.record(
          {
            actor: selfActor(row),
            action: 'staff.password_reset',
            objectType: 'staff',
            objectId: row.id,
            summary: 'set a new password with a reset link; every session ended',
          },
          { trx },
        );
      });
      await throttle.clear(throttle.keyOf('account', member.email));
    },

    async updateMe(context: SessionContext, input: unknown): Promise<void> {
      const data = parseInput(meSchema, input);
      const patch = {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.language !== undefined ? { language: data.language } : {}),
      };
      if (Object.keys(patch).length === 0) return;
      await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_users')
          .set({ ...patch, updated_at: iso(now()) })
          .where('id', '=', context.staff.id)
          .execute();
        await audit.record(
          {
            actor: selfActor(context.staff),
            action: 'staff.profile',
            objectType: 'staff',
            objectId: context.staff.id,
            // The names of the fields, never the new name itself.
            summary: `changed their ${Object.keys(patch).join(' and ')}`,
          },
          { trx },
        );
      });
    },

    /** A new password, given the current one: the other sessions end. */
    async changePassword(context: SessionContext, input: unknown): Promise<void> {
      const data = parseInput(changePasswordSchema, input);
      const at = now();
      const key = factorKey(context.staff.id);
      await throttle.assertOpen([key], at);
      if (!(await verifyPassword(context.staff.password_hash, data.current_password))) {
        await throttle.fail(key, at, ACCOUNT_THROTTLE);
        throw new SignInFailedError();
      }
      const member = staff.toMember(context.staff);
      checkPassword(data.password, { email: member.email, name: member.name });
      const passwordHash = await hashPassword(data.password);
      await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_users')
          .set({ password_hash: passwordHash, updated_at: iso(at) })
          .where('id', '=', context.staff.id)
          .execute();
        await sessions.removeAll(trx, context.staff.id, context.session.id);
        await audit.record(
          {
            actor: selfActor(context.staff),
            action: 'staff.password_change',
            objectType: 'staff',
            objectId: context.staff.id,
            summary: 'changed their password; their other sessions ended',
          },
          { trx },
        );
      });
    },

    /**
     * For someone who lost their phone (`samizdat staff reset-2fa`): the second factor, recovery
     * codes, passkeys, password and sessions are cleared, and a reset link is answered. Whoever
     * opens it sets a password and enrols again; the password alone no longer signs in.
     */
    async resetSecondFactor(
      email: string,
      by: { actor: Actor; origin?: string } = { actor: systemActor },
    ): Promise<{ staff: StaffMember; url: string; expiresAt: string }> {
      const address = parseInput(emailSchema, email);
      const row = await staff.byEmail(kysely, address);
      if (!row) throw new NotFoundError('staff member', address);
      const at = now();
      const { token, row: link } = await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_users')
          .set({
            totp_secret_sealed: null,
            totp_pending_secret_sealed: null,
            totp_last_step: null,
            password_hash: null,
            updated_at: iso(at),
          })
          .where('id', '=', row.id)
          .execute();
        await recovery.clear(trx, row.id);
        await trx.deleteFrom('staff_passkeys').where('staff_id', '=', row.id).execute();
        await sessions.removeAll(trx, row.id);
        await links.expireFor(trx, 'reset', row.id, at);
        await audit.record(
          {
            ...by,
            action: 'staff.reset_second_factor',
            objectType: 'staff',
            objectId: row.id,
            summary: 'cleared the second factor, passkeys, password and sessions; a reset link was made',
          },
          { trx },
        );
        // Read out to someone who lost their phone: a day, not the hour of a mailed reset.
        return links.issue(trx, 'reset', at, { staff_id: row.id }, RESET_2FA_TTL_MS);
      });
      log('warn', 'second factor reset from the command line', { staff_id: row.id });
      return { staff: staff.toMember(row), url: linkUrl('reset', token), expiresAt: link.expires_at };
    },
  };
}
