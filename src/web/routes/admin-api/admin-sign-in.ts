import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { CsrfError, UnauthenticatedError } from '../../../domain/errors.ts';
import {
  authStateSchema,
  linkInfoSchema,
  nextStepSchema,
  passkeyAuthenticateSchema,
  passkeyRegisterSchema,
  passkeySchema,
  recoveryCodesSchema,
  sessionListSchema,
  signInSchemas as schemas,
  totpEnrolmentSchema,
  webAuthnOptionsSchema,
} from '../../../modules/staff/index.ts';
import type { ClientInfo, IssuedSession, SessionContext } from '../../../modules/staff/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import {
  clearSessionCookie,
  csrfHeader,
  SAFE_METHODS,
  sessionToken,
  setSessionCookie,
} from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's live staff session (the /auth routes), null when it has none. */
    staffSession?: SessionContext | null;
  }
}

const TAG = 'sign-in';
const idParams = z.object({ id: z.string().max(100) });
const tokenParams = z.object({ token: z.string().max(200) });

const client = (request: FastifyRequest): ClientInfo => ({
  address: request.ip,
  userAgent: request.headers['user-agent'],
});

/**
 * Before every /auth route: find the session the cookie names, and on anything that changes
 * something, insist on its CSRF token. A cookie naming no live session is ignored.
 */
export async function loadStaffSession(services: Services, request: FastifyRequest): Promise<void> {
  const token = sessionToken(request);
  const context = token ? await services.signIn.context(token) : undefined;
  if (context && !SAFE_METHODS.has(request.method)) {
    if (!services.signIn.sessions.csrfMatches(context.token, csrfHeader(request))) throw new CsrfError();
  }
  request.staffSession = context ?? null;
}

function session(request: FastifyRequest): SessionContext {
  if (!request.staffSession) throw new UnauthenticatedError('sign in first');
  return request.staffSession;
}

/** The /auth routes (sign-in, second factor, sessions, password reset, one's own account). */
export function adminSignInRoutes(services: Services): AnyApiRoute[] {
  const { signIn } = services;
  const siteUrl = services.config.SITE_URL;
  const full = (request: FastifyRequest) => signIn.requireFull(request.staffSession ?? undefined);

  /** The session became full under a new token (session fixation): the cookie follows it. */
  function renewCookie(reply: FastifyReply, issued: IssuedSession | undefined) {
    if (issued) setSessionCookie(reply, issued, siteUrl, new Date());
  }

  /** A new session replaces the one the browser had. */
  async function startSession(request: FastifyRequest, reply: FastifyReply, issued: IssuedSession) {
    if (request.staffSession) await signIn.signOut(request.staffSession);
    setSessionCookie(reply, issued, siteUrl, new Date());
  }

  return [
    apiRoute({
      method: 'GET',
      url: '/auth/state',
      summary: 'Who is signed in, how far, and the CSRF token for this session',
      tag: TAG,
      response: authStateSchema,
      handler: async (_input, request) => signIn.state(request.staffSession ?? undefined),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/setup',
      summary: 'Create the first owner with the one-time setup link; starts a pending session',
      tag: TAG,
      body: schemas.setup,
      response: nextStepSchema,
      handler: async ({ body }, request, reply) => {
        const { session: issued, ...next } = await signIn.setup(body, client(request));
        await startSession(request, reply, issued);
        return next;
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/auth/links/:token',
      summary: 'What a setup, invite or reset link is for, while it is live',
      tag: TAG,
      params: tokenParams,
      response: linkInfoSchema,
      handler: async ({ params }) => signIn.linkInfo(params.token),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/invite/accept',
      summary: 'Accept an invite: the account, and a pending session',
      tag: TAG,
      body: schemas.accept,
      response: nextStepSchema,
      handler: async ({ body }, request, reply) => {
        const { session: issued, ...next } = await signIn.acceptInvite(body, client(request));
        await startSession(request, reply, issued);
        return next;
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/sign-in',
      summary: 'E-mail and password: a pending session, waiting for the second factor',
      tag: TAG,
      body: schemas.signIn,
      response: nextStepSchema,
      handler: async ({ body }, request, reply) => {
        const { session: issued, ...next } = await signIn.signIn(body, client(request));
        await startSession(request, reply, issued);
        return next;
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/totp/enrol',
      summary: 'A new TOTP secret, its otpauth address and QR code (SVG)',
      tag: TAG,
      response: totpEnrolmentSchema,
      handler: async (_input, request) => signIn.enrolTotp(session(request)),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/totp/enrol/confirm',
      summary:
        'Confirm the new secret with a code: ten recovery codes, and a full session (a pending one gets a new cookie and CSRF token)',
      tag: TAG,
      body: schemas.code,
      response: recoveryCodesSchema,
      handler: async ({ body }, request, reply) => {
        const { session: issued, ...codes } = await signIn.confirmTotp(session(request), body);
        renewCookie(reply, issued);
        return codes;
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/second-factor',
      summary:
        'A TOTP code or a recovery code: the pending session becomes full, under a new cookie and CSRF token',
      tag: TAG,
      body: schemas.secondFactor,
      response: authStateSchema,
      handler: async ({ body }, request, reply) => {
        const context = session(request);
        renewCookie(reply, await signIn.secondFactor(context, body));
        return signIn.state(context);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/passkeys/registration-options',
      summary: 'WebAuthn options to register a passkey (full session)',
      tag: TAG,
      response: webAuthnOptionsSchema,
      handler: async (_input, request) => signIn.passkeys.registrationOptions(full(request)),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/passkeys',
      summary: "Register a passkey with the browser's answer to the registration options",
      tag: TAG,
      body: passkeyRegisterSchema,
      successStatus: 201,
      response: passkeySchema,
      handler: async ({ body }, request) => signIn.passkeys.register(full(request), body),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/passkeys/authentication-options',
      summary: 'WebAuthn options to sign in with a passkey (pending session)',
      tag: TAG,
      response: webAuthnOptionsSchema,
      handler: async (_input, request) => signIn.passkeys.authenticationOptions(session(request)),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/passkeys/authenticate',
      summary: 'The pending session becomes full with a passkey, under a new cookie and CSRF token',
      tag: TAG,
      body: passkeyAuthenticateSchema,
      response: authStateSchema,
      handler: async ({ body }, request, reply) => {
        const context = session(request);
        renewCookie(reply, await signIn.passkeys.authenticate(context, body));
        return signIn.state(context);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/sign-out',
      summary: 'End this session',
      tag: TAG,
      handler: async (_input, request, reply) => {
        if (request.staffSession) await signIn.signOut(request.staffSession);
        clearSessionCookie(reply, siteUrl);
        return undefined;
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/sign-out-everywhere',
      summary: "End every one of this account's sessions",
      tag: TAG,
      handler: async (_input, request, reply) => {
        await signIn.signOutEverywhere(full(request));
        clearSessionCookie(reply, siteUrl);
        return undefined;
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/auth/sessions',
      summary: "This account's sessions",
      tag: TAG,
      response: sessionListSchema,
      handler: async (_input, request) => signIn.listSessions(full(request)),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/auth/sessions/:id',
      summary: "End one of this account's sessions",
      tag: TAG,
      params: idParams,
      handler: async ({ params }, request) => signIn.removeSession(full(request), params.id),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/password-reset',
      summary: 'Mail a reset link if the address has an account (the answer is the same either way)',
      tag: TAG,
      body: schemas.resetRequest,
      successStatus: 202,
      response: z.object({}),
      handler: async ({ body }) => {
        await signIn.requestPasswordReset(body);
        return {};
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/password-reset/complete',
      summary: "Set a new password with a reset link; every one of the account's sessions ends",
      tag: TAG,
      body: schemas.resetComplete,
      handler: async ({ body }) => signIn.completePasswordReset(body),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/auth/me',
      summary: 'Change one’s own name or language',
      tag: TAG,
      body: schemas.me,
      handler: async ({ body }, request) => signIn.updateMe(full(request), body),
    }),
    apiRoute({
      method: 'POST',
      url: '/auth/me/password',
      summary: 'Change one’s own password; the other sessions end',
      tag: TAG,
      body: schemas.changePassword,
      handler: async ({ body }, request) => signIn.changePassword(full(request), body),
    }),
  ];
}
