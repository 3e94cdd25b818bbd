import { open, seal } from '../../crypto/sealed-box.ts';
import {
  ConflictError,
  ForbiddenError,
  LinkInvalidError,
  SecondFactorFailedError,
  SignInFailedError,
  UnauthenticatedError,
} from '../../domain/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { iso } from '../../lib/time.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { type SessionStage } from './session-store.ts';
import { type LinkPurpose } from './staff-links.ts';
import { type StaffMember, type StaffRow } from './staff-store.ts';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE } from './throttle-rules.ts';
import { acceptTotp, newTotpSecret, otpauthUri } from './totp-rules.ts';
import { createPasskeys } from './passkey-service.ts';
import type { AuthState, LinkInfo, RecoveryCodes, TotpEnrolment } from './staff.types.ts';
import {
  acceptSchema,
  codeSchema,
  secondFactorSchema,
  setupSchema,
  signInSchema,
} from './sign-in-schemas.ts';
import {
  createSignInKit,
  type ClientInfo,
  type IssuedSession,
  type SessionContext,
  type SignInDeps,
} from './sign-in-kit.ts';
import { createOwnAccount } from './own-account.ts';

/**
 * Staff sign-in: the first owner, invites accepted, password then a mandatory second factor (TOTP
 * or a recovery code; passkeys in passkey-service.ts), sessions, password reset and one's own
 * account. Every answer to a failed sign-in is the same whether or not the address has an account.
 */
export function createSignIn(deps: SignInDeps) {
  const kit = createSignInKit(deps);
  const {
    kysely,
    now,
    staff,
    links,
    sessions,
    recovery,
    throttle,
    audit,
    selfActor,
    log,
    factorKey,
    checkPassword,
    needsFirstOwner,
    methodsOf,
    nextStep,
    issue,
    completeSignIn,
  } = kit;
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

    ...createOwnAccount(kit),

    /** Fails unless the session is full (the Admin API's check for a cookie). */
    requireFull(context: SessionContext | undefined): SessionContext {
      if (!context) throw new UnauthenticatedError('sign in first');
      if (context.session.stage !== 'full') throw new UnauthenticatedError('give your second factor first');
      return context;
    },
  };
}

export type SignInService = ReturnType<typeof createSignIn>;
