import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { UnauthenticatedError, WeakPasswordError } from '../../domain/errors.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import { passwordProblem, type PasswordContext } from './password-policy.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { createRecoveryCodes } from './recovery-codes.ts';
import { createSessionStore, type SessionRow, type SessionStage } from './session-store.ts';
import type { SessionPolicy } from './session-rules.ts';
import { createStaffLinks } from './staff-links.ts';
import { createStaffStore, type StaffRow } from './staff-store.ts';
import { staffActor, type Actor } from './actor.ts';
import { noStaffAudit, type StaffAudit } from './staff-audit.ts';
import type { NextStep, SecondFactorMethod } from './staff.types.ts';

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
 * What sign-in and one's own account share: the stores, the throttle, the audit, and the steps
 * both take (checking a new password, issuing and completing sessions).
 */
export function createSignInKit(deps: SignInDeps) {
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

  return {
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
    needsFirstOwner,
    methodsOf,
    nextStep,
    issue,
    completeSignIn,
  };
}

export type SignInKit = ReturnType<typeof createSignInKit>;
