import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { open, seal } from '../../crypto/sealed-box.ts';
import {
  ConflictError,
  ForbiddenError,
  LinkInvalidError,
  NotFoundError,
  SecondFactorFailedError,
  SignInFailedError,
  UnauthenticatedError,
  WeakPasswordError,
} from '../../domain/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { MAX_PASSWORD_LENGTH, passwordProblem, type PasswordContext } from './password-policy.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { createRecoveryCodes } from './recovery-codes.ts';
import { createSessionStore, type SessionRow, type SessionStage } from './session-store.ts';
import type { SessionPolicy } from './session-rules.ts';
import { createStaffLinks, type LinkPurpose } from './staff-links.ts';
import {
  createStaffStore,
  emailSchema,
  staffLanguageSchema,
  staffNameSchema,
  type StaffMember,
  type StaffRow,
} from './staff-store.ts';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, RESET_MAIL_THROTTLE } from './throttle-rules.ts';
import { acceptTotp, newTotpSecret, otpauthUri } from './totp-rules.ts';
import { staffMail } from './staff-mail.ts';
import { staffActor, systemActor, type Actor } from './actor.ts';
import { noStaffAudit, type StaffAudit } from './staff-audit.ts';
import { createPasskeys } from './passkey-service.ts';
import type {
  AuthState,
  LinkInfo,
  NextStep,
  RecoveryCodes,
  SecondFactorMethod,
  SessionList,
  TotpEnrolment,
} from './staff.types.ts';

const RESET_2FA_TTL_MS = 24 * 3600_000;
const tokenSchema = z.string().min(1).max(200);
const passwordSchema = z
  .string()
  .min(1)
  .max(MAX_PASSWORD_LENGTH * 4);

const setupSchema = z
  .object({
    token: tokenSchema,
    name: staffNameSchema,
    email: emailSchema,
    password: passwordSchema,
    language: staffLanguageSchema.default('en'),
  })
  .strict();
const acceptSchema = z
  .object({
    token: tokenSchema,
    name: staffNameSchema,
    password: passwordSchema,
    language: staffLanguageSchema.default('en'),
  })
  .strict();
const signInSchema = z
  .object({ email: z.string().max(320), password: z.string().max(MAX_PASSWORD_LENGTH * 4) })
  .strict();
const codeSchema = z.object({ code: z.string().max(20) }).strict();
const secondFactorSchema = z.union([
  z.object({ code: z.string().max(20) }).strict(),
  z.object({ recovery_code: z.string().max(64) }).strict(),
]);
const resetRequestSchema = z.object({ email: emailSchema }).strict();
const resetCompleteSchema = z.object({ token: tokenSchema, password: passwordSchema }).strict();
const meSchema = z
  .object({ name: staffNameSchema.optional(), language: staffLanguageSchema.optional() })
  .strict();
const changePasswordSchema = z
  .object({ current_password: z.string().max(1024), password: passwordSchema })
  .strict();

/** The request bodies, for the routes' OpenAPI description (the operations parse them too). */
export const signInSchemas = {
  setup: setupSchema,
  accept: acceptSchema,
  signIn: signInSchema,
  code: codeSchema,
  secondFactor: secondFactorSchema,
  resetRequest: resetRequestSchema,
  resetComplete: resetCompleteSchema,
  me: meSchema,
  changePassword: changePasswordSchema,
};

/** Where a request comes from: the throttle counts per address; the session list shows the browser. */
export interface ClientInfo {
  address: string;
  userAgent: string | undefined;
}

/** A request's live session and its staff member. `token` is the cookie's (for the CSRF token). */
export interface SessionContext {
  token: string;
  session: SessionRow;
  staff: StaffRow;
}

/** A session just created: the web layer puts `token` in the cookie until `expiresAt`. */
export interface IssuedSession {
  token: string;
  expiresAt: string;
}

export interface SignInDeps {
  db: Db;
  keys: Pick<Keys, 'encryption' | 'hashing' | 'previousHashing'>;
  policy: SessionPolicy;
  mailer: Mailer;
  siteUrl: string;
  publicationName(): string;
  /** Account changes (created, second factor, password, sign out everywhere) are recorded. */
  audit?: StaffAudit;
  now?: Clock;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Staff sign-in: the first owner, invites accepted, password then a mandatory second factor (TOTP
 * or a recovery code; passkeys in passkey-service.ts), sessions, password reset and one's own
 * account. Every answer to a failed sign-in is the same whether or not the address has an account.
 */
export function createSignIn(deps: SignInDeps) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;
  const log = deps.log ?? (() => {});
  const staff = createStaffStore(deps.keys);
  const links = createStaffLinks(deps.keys.hashing);
  const sessions = createSessionStore({ hashingKey: deps.keys.hashing, policy: deps.policy });
  const recovery = createRecoveryCodes(deps.keys);
  const throttle = createLoginThrottle({ db: deps.db, hashingKey: deps.keys.hashing });
  const audit = deps.audit ?? noStaffAudit;
  /** The account acting on itself (its own session, or a link mailed to it). */
  const selfActor = (row: StaffRow): Actor => staffActor(staff.toMember(row));
  const linkUrl = (path: string, token: string) =>
    `${deps.siteUrl}/admin/${path}?token=${encodeURIComponent(token)}`;

  function checkPassword(password: string, context: PasswordContext): void {
    const problem = passwordProblem(password, { ...context, publicationName: deps.publicationName() });
    if (problem) throw new WeakPasswordError(problem);
  }

  async function needsFirstOwner(): Promise<boolean> {
    const row = await kysely.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
    return !row;
  }

  async function passkeyCount(staffId: string): Promise<number> {
    const rows = await kysely
      .selectFrom('staff_passkeys')
      .select('id')
      .where('staff_id', '=', staffId)
      .execute();
    return rows.length;
  }

  async function methodsOf(row: StaffRow): Promise<SecondFactorMethod[]> {
    const methods: SecondFactorMethod[] = [];
    if (row.totp_secret_sealed) methods.push('totp');
    if ((await passkeyCount(row.id)) > 0) methods.push('passkey');
    if (methods.length > 0 && (await recovery.remaining(kysely, row.id)) > 0) methods.push('recovery');
    return methods;
  }

  /** What a pending session must do next: give a second factor, or enrol one. */
  async function nextStep(row: StaffRow): Promise<NextStep> {
    const methods = await methodsOf(row);
    return { next: methods.length > 0 ? 'totp' : 'enrol', methods };
  }

  async function issue(staffId: string, stage: SessionStage, client: ClientInfo): Promise<IssuedSession> {
    const { token, row } = await sessions.create(kysely, {
      staffId,
      stage,
      userAgent: client.userAgent,
      at: now(),
    });
    return { token, expiresAt: row.expires_at };
  }

  /**
   * The session is full now: the second factor was given. It gets a new token (the web layer
   * sets it as the cookie; the pending one no longer signs anything in), and `context` follows it,
   * so the CSRF token answered from it is the new session's.
   */
  async function completeSignIn(context: SessionContext): Promise<IssuedSession> {
    const at = now();
    const issued = await sessions.promote(kysely, { id: context.session.id, token: context.token }, at);
    if (!issued) throw new UnauthenticatedError('this session has ended; sign in again');
    await kysely
      .updateTable('staff_users')
      .set({ last_sign_in_at: iso(at) })
      .where('id', '=', context.staff.id)
      .execute();
    context.token = issued.token;
    context.session.stage = 'full';
    context.session.expires_at = issued.expiresAt;
    return issued;
  }

  const factorKey = (staffId: string) => throttle.keyOf('factor', staffId);
  const passkeys = createPasskeys({
    db: deps.db,
    siteUrl: deps.siteUrl,
    sessions,
    throttle,
    publicationName: deps.publicationName,
    emailOf: (context) => staff.toMember(context.staff).email,
    completeSignIn,
    audit,
    actorOf: (context) => selfActor(context.staff),
    ...(deps.now ? { now: deps.now } : {}),
  });

  return {
    sessions,
    passkeys,
    needsFirstOwner,
    toMember: (row: StaffRow): StaffMember => staff.toMember(row),

    /** The live session for a cookie's token and its (enabled) staff member, or undefined. */
    async context(token: string | undefined): Promise<SessionContext | undefined> {
      const session = await sessions.resolve(kysely, token, now());
      if (!session || !token) return undefined;
      const row = await staff.byId(kysely, session.staff_id);
      if (!row || row.disabled_at !== null) {
        await sessions.removeAll(kysely, session.staff_id);
        return undefined;
      }
      return { token, session, staff: row };
    },

    /** GET /auth/state. */
    async state(context: SessionContext | undefined): Promise<AuthState> {
      if (!context)
        return { needs_first_owner: await needsFirstOwner(), session: null, staff: null, csrf_token: null };
      const member = staff.toMember(context.staff);
      const pending = context.session.stage === 'pending';
      const step = pending
        ? await nextStep(context.staff)
        : { next: null, methods: await methodsOf(context.staff) };
      return {
        needs_first_owner: false,
        session: { stage: context.session.stage as SessionStage, next: step.next, methods: step.methods },
        staff: {
          id: member.id,
          name: member.name,
          email: member.email,
          role: member.role,
          language: member.language,
        },
        csrf_token: sessions.csrfOf(context.token),
      };
    },

    /** What a link is for, before its screen shows a form. */
    async linkInfo(token: string): Promise<LinkInfo> {
      const row = await links.live(kysely, token, now());
      if (!row) throw new LinkInvalidError();
      const purpose = row.purpose as LinkPurpose;
      if (purpose === 'first-owner') {
        if (!(await needsFirstOwner())) throw new LinkInvalidError();
        return { purpose };
      }
      if (purpose === 'invite' && row.email_sealed)
        return { purpose, email: open(deps.keys.encryption, row.email_sealed) };
      if (purpose === 'reset' && row.staff_id) {
        const member = await staff.byId(kysely, row.staff_id);
        if (!member || member.disabled_at) throw new LinkInvalidError();
        return { purpose, email: staff.toMember(member).email };
      }
      throw new LinkInvalidError();
    },

    /** The first owner, from the setup link printed at the first start. */
    async setup(input: unknown, client: ClientInfo) {
      const data = parseInput(setupSchema, input);
      const at = now();
      const link = await links.live(kysely, data.token, at, 'first-owner');
      if (!link || !(await needsFirstOwner())) throw new LinkInvalidError();
      checkPassword(data.password, { email: data.email, name: data.name });
      const passwordHash = await hashPassword(data.password);
      const owner = await kysely.transaction().execute(async (trx) => {
        if (!(await links.use(trx, link.id, at))) throw new LinkInvalidError();
        const existing = await trx.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
        if (existing) throw new LinkInvalidError();
        const row = await staff.insert(trx, { ...data, role: 'owner', passwordHash, at: iso(at) });
        await audit.record(
          {
            actor: selfActor(row),
            action: 'staff.create',
            objectType: 'staff',
            objectId: row.id,
            summary: 'created the first owner with the setup link',
          },
          { trx },
        );
        return row;
      });
      log('info', 'first owner created', { staff_id: owner.id });
      return { session: await issue(owner.id, 'pending', client), next: 'enrol' as const, methods: [] };
    },

    /** An invite accepted: the account, with the role the invite named. */
    async acceptInvite(input: unknown, client: ClientInfo) {
      const data = parseInput(acceptSchema, input);
      const at = now();
      const link = await links.live(kysely, data.token, at, 'invite');
      if (!link?.email_sealed || !link.role) throw new LinkInvalidError();
      const email = open(deps.keys.encryption, link.email_sealed);
      checkPassword(data.password, { email, name: data.name });
      const passwordHash = await hashPassword(data.password);
      const member = await kysely.transaction().execute(async (trx) => {
        if (await staff.byEmail(trx, email))
          throw new ConflictError('an account with this address already exists');
        if (!(await links.use(trx, link.id, at))) throw new LinkInvalidError();
        const row = await staff.insert(trx, {
          name: data.name,
          email,
          role: link.role as StaffMember['role'],
          language: data.language,
          passwordHash,
          at: iso(at),
        });
        await audit.record(
          {
            actor: selfActor(row),
            action: 'staff.create',
            objectType: 'staff',
            objectId: row.id,
            summary: `accepted an invite as ${row.role}`,
          },
          { trx },
        );
        return row;
      });
      return { session: await issue(member.id, 'pending', client), next: 'enrol' as const, methods: [] };
    },

    /** The password step: a pending session, or the same failure for every wrong address or password. */
    async signIn(input: unknown, client: ClientInfo) {
      const data = parseInput(signInSchema, input);
      const at = now();
      const email = data.email.trim().toLowerCase();
      const accountKey = throttle.keyOf('account', email);
      const addressKey = throttle.keyOf('address', client.address);
      await throttle.assertOpen([accountKey, addressKey], at);
      const row = email ? await staff.byEmail(kysely, email) : undefined;
      // Hashes even when there is no such account, so the time taken tells nothing.
      const ok = await verifyPassword(row?.password_hash, data.password);
      if (!row || !ok || row.disabled_at !== null) {
        await throttle.fail(accountKey, at, ACCOUNT_THROTTLE);
        await throttle.fail(addressKey, at, ADDRESS_THROTTLE);
        throw new SignInFailedError();
      }
      await throttle.clear(accountKey);
      const step = await nextStep(row);
      return { session: await issue(row.id, 'pending', client), ...step };
    },

    /** A new TOTP secret to scan; it replaces the current one only once a code confirms it. */
    async enrolTotp(context: SessionContext): Promise<TotpEnrolment> {
      if (context.session.stage === 'pending' && (await methodsOf(context.staff)).length > 0) {
        // A password alone must not replace a second factor the account already has.
        throw new ForbiddenError('give your second factor first');
      }
      const secret = newTotpSecret();
      await kysely
        .updateTable('staff_users')
        .set({ totp_pending_secret_sealed: seal(deps.keys.encryption, secret) })
        .where('id', '=', context.staff.id)
        .execute();
      const uri = otpauthUri(secret, deps.publicationName(), staff.toMember(context.staff).email);
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return { secret, otpauth_uri: uri, qr_svg: svg };
    },

    /**
     * The first code from the new secret: it becomes the account's, with ten new recovery codes.
     * A pending session becomes full under a new token (`session`, for the cookie).
     */
    async confirmTotp(
      context: SessionContext,
      input: unknown,
    ): Promise<RecoveryCodes & { session: IssuedSession | undefined }> {
      const { code } = parseInput(codeSchema, input);
      const at = now();
      await throttle.assertOpen([factorKey(context.staff.id)], at);
      const row = await staff.byId(kysely, context.staff.id);
      if (!row?.totp_pending_secret_sealed) throw new ConflictError('start the enrolment first');
      const secret = open(deps.keys.encryption, row.totp_pending_secret_sealed);
      const step = acceptTotp(secret, code, at, null);
      if (step === null) {
        await throttle.fail(factorKey(context.staff.id), at, ACCOUNT_THROTTLE);
        throw new SecondFactorFailedError();
      }
      const codes = await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_users')
          .set({
            totp_secret_sealed: row.totp_pending_secret_sealed,
            totp_pending_secret_sealed: null,
            totp_last_step: step,
            updated_at: iso(at),
          })
          .where('id', '=', row.id)
          .execute();
        const replaced = await recovery.replace(trx, row.id, at);
        await audit.record(
          {
            actor: selfActor(row),
            action: 'staff.second_factor',
            objectType: 'staff',
            objectId: row.id,
            summary: row.totp_secret_sealed
              ? 'replaced the authenticator app; new recovery codes'
              : 'enrolled an authenticator app; new recovery codes',
          },
          { trx },
        );
        return replaced;
      });
      await throttle.clear(factorKey(context.staff.id));
      const session = context.session.stage === 'pending' ? await completeSignIn(context) : undefined;
      return { recovery_codes: codes, session };
    },

    /**
     * The second step of signing in: a TOTP code (once) or a recovery code (once). The session
     * becomes full under a new token, answered for the cookie (undefined when it already was).
     */
    async secondFactor(context: SessionContext, input: unknown): Promise<IssuedSession | undefined> {
      const data = parseInput(secondFactorSchema, input);
      if (context.session.stage === 'full') return undefined;
      const at = now();
      const key = factorKey(context.staff.id);
      await throttle.assertOpen([key], at);
      let ok = false;
      if ('code' in data) {
        const row = await staff.byId(kysely, context.staff.id);
        if (row?.totp_secret_sealed) {
          const step = acceptTotp(
            open(deps.keys.encryption, row.totp_secret_sealed),
            data.code,
            at,
            row.totp_last_step,
          );
          if (step !== null) {
            // Conditional, so two requests racing with the same code cannot both succeed.
            const result = await kysely
              .updateTable('staff_users')
              .set({ totp_last_step: step })
              .where('id', '=', row.id)
              .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
              .executeTakeFirst();
            ok = Number(result.numUpdatedRows) === 1;
          }
        }
      } else {
        ok =
          (await methodsOf(context.staff)).length > 0 &&
          (await recovery.use(kysely, context.staff.id, data.recovery_code, at));
      }
      if (!ok) {
        await throttle.fail(key, at, ACCOUNT_THROTTLE);
        throw new SecondFactorFailedError();
      }
      await throttle.clear(key);
      return completeSignIn(context);
    },

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

    /** Fails unless the session is full (the Admin API's check for a cookie). */
    requireFull(context: SessionContext | undefined): SessionContext {
      if (!context) throw new UnauthenticatedError('sign in first');
      if (context.session.stage !== 'full') throw new UnauthenticatedError('give your second factor first');
      return context;
    },
  };
}

export type SignInService = ReturnType<typeof createSignIn>;
