import { randomUUID } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { ConflictError, SecondFactorFailedError, UnauthenticatedError } from '../../domain/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { singleLine } from '../../lib/text-schemas.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { SessionStore } from './session-store.ts';
import type { IssuedSession, SessionContext } from './sign-in-kit.ts';
import type { Actor } from './actor.ts';
import type { StaffAudit } from './staff-audit.ts';
import { ACCOUNT_THROTTLE } from './throttle-rules.ts';
import { webAuthnOptionsSchema, type PasskeyJson, type WebAuthnOptions } from './staff.types.ts';

/** The WebAuthn library (some 15 MB) loads with the first passkey ceremony, not with every process. */
const webauthn = () => import('@simplewebauthn/server');

/** Options as the JSON the browser gets (fields left undefined are not sent). */
const optionsJson = (options: object): WebAuthnOptions =>
  webAuthnOptionsSchema.parse(JSON.parse(JSON.stringify(options)));

// The browser's JSON, checked by SimpleWebAuthn itself; here only its outline and size.
const credentialJson = z.looseObject({ id: z.string().max(1024), type: z.literal('public-key') });
export const passkeyRegisterSchema = z
  .object({ name: singleLine(100).min(1), response: credentialJson })
  .strict();
export const passkeyAuthenticateSchema = z.object({ response: credentialJson }).strict();

/**
 * Passkeys (WebAuthn) as a second factor beside TOTP: registered from a full session, used on a
 * pending one. The challenge handed out is kept on the session and used once.
 */
export function createPasskeys(deps: {
  db: Db;
  siteUrl: string;
  sessions: SessionStore;
  throttle: LoginThrottle;
  publicationName(): string;
  emailOf(context: SessionContext): string;
  completeSignIn(context: SessionContext): Promise<IssuedSession>;
  audit: StaffAudit;
  actorOf(context: SessionContext): Actor;
  now?: Clock;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;
  const origin = new URL(deps.siteUrl).origin;
  const rpID = new URL(deps.siteUrl).hostname;

  const passkeysOf = (staffId: string) =>
    kysely.selectFrom('staff_passkeys').selectAll().where('staff_id', '=', staffId).execute();

  /** The session's challenge, cleared as it is read: each options call allows one attempt. */
  async function takeChallenge(context: SessionContext): Promise<string> {
    const row = await kysely
      .selectFrom('staff_sessions')
      .select('challenge')
      .where('id', '=', context.session.id)
      .executeTakeFirst();
    await deps.sessions.setChallenge(kysely, context.session.id, null);
    if (!row?.challenge) throw new ConflictError('ask for the passkey options first');
    return row.challenge;
  }

  return {
    async registrationOptions(context: SessionContext): Promise<WebAuthnOptions> {
      if (context.session.stage !== 'full') throw new UnauthenticatedError('give your second factor first');
      const existing = await passkeysOf(context.staff.id);
      const options = await (
        await webauthn()
      ).generateRegistrationOptions({
        rpName: deps.publicationName(),
        rpID,
        userName: deps.emailOf(context),
        userDisplayName: context.staff.name,
        userID: new TextEncoder().encode(context.staff.id),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({
          id: p.credential_id,
          transports: JSON.parse(p.transports),
        })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await deps.sessions.setChallenge(kysely, context.session.id, options.challenge);
      return optionsJson(options);
    },

    async register(context: SessionContext, input: unknown): Promise<PasskeyJson> {
      if (context.session.stage !== 'full') throw new UnauthenticatedError('give your second factor first');
      const data = parseInput(passkeyRegisterSchema, input);
      const challenge = await takeChallenge(context);
      const verified = await (
        await webauthn()
      )
        .verifyRegistrationResponse({
          response: data.response as unknown as RegistrationResponseJSON,
          expectedChallenge: challenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: false,
        })
        .catch(() => undefined);
      if (!verified?.verified) throw new SecondFactorFailedError('the passkey could not be verified');
      const { credential } = verified.registrationInfo;
      const row = {
        id: randomUUID(),
        staff_id: context.staff.id,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? []),
        name: data.name,
        created_at: iso(now()),
        last_used_at: null,
      };
      await kysely.transaction().execute(async (trx) => {
        await trx.insertInto('staff_passkeys').values(row).execute();
        await deps.audit.record(
          {
            actor: deps.actorOf(context),
            action: 'staff.passkey_add',
            objectType: 'staff',
            objectId: context.staff.id,
            summary: 'added a passkey',
          },
          { trx },
        );
      });
      return { id: row.id, name: row.name };
    },

    async authenticationOptions(context: SessionContext): Promise<WebAuthnOptions> {
      const passkeys = await passkeysOf(context.staff.id);
      if (passkeys.length === 0) throw new ConflictError('this account has no passkey');
      const options = await (
        await webauthn()
      ).generateAuthenticationOptions({
        rpID,
        allowCredentials: passkeys.map((p) => ({
          id: p.credential_id,
          transports: JSON.parse(p.transports),
        })),
        userVerification: 'preferred',
      });
      await deps.sessions.setChallenge(kysely, context.session.id, options.challenge);
      return optionsJson(options);
    },

    /**
     * A pending session becomes full with one of the account's passkeys, under a new token
     * (answered for the cookie; undefined when it already was full).
     */
    async authenticate(context: SessionContext, input: unknown): Promise<IssuedSession | undefined> {
      const data = parseInput(passkeyAuthenticateSchema, input);
      if (context.session.stage === 'full') return undefined;
      const at = now();
      const key = deps.throttle.keyOf('factor', context.staff.id);
      await deps.throttle.assertOpen([key], at);
      const challenge = await takeChallenge(context);
      const passkey = await kysely
        .selectFrom('staff_passkeys')
        .selectAll()
        .where('staff_id', '=', context.staff.id)
        .where('credential_id', '=', data.response.id)
        .executeTakeFirst();
      const verified = passkey
        ? await (
            await webauthn()
          )
            .verifyAuthenticationResponse({
              response: data.response as unknown as AuthenticationResponseJSON,
              expectedChallenge: challenge,
              expectedOrigin: origin,
              expectedRPID: rpID,
              credential: {
                id: passkey.credential_id,
                publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
                counter: Number(passkey.counter),
                transports: JSON.parse(passkey.transports),
              },
              requireUserVerification: false,
            })
            .catch(() => undefined)
        : undefined;
      if (!passkey || !verified?.verified) {
        await deps.throttle.fail(key, at, ACCOUNT_THROTTLE);
        throw new SecondFactorFailedError('the passkey could not be verified');
      }
      await kysely
        .updateTable('staff_passkeys')
        .set({ counter: verified.authenticationInfo.newCounter, last_used_at: iso(at) })
        .where('id', '=', passkey.id)
        .execute();
      await deps.throttle.clear(key);
      return deps.completeSignIn(context);
    },
  };
}

export type Passkeys = ReturnType<typeof createPasskeys>;
