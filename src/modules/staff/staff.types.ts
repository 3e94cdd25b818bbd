import { z } from 'zod';
import { roleSchema } from './roles.ts';
import { staffLanguageSchema } from './staff-store.ts';

// The staff module's answers as the Admin API sends them (JSON, snake_case): the operations return
// these shapes and the routes declare the same schemas, so the code and the OpenAPI document agree.

const secondFactorMethodSchema = z.enum(['totp', 'passkey', 'recovery']);
export type SecondFactorMethod = z.output<typeof secondFactorMethodSchema>;

/** What a pending session must do next: give a second factor, or enrol one. */
export const nextStepSchema = z.object({
  next: z.enum(['totp', 'enrol']),
  methods: z.array(secondFactorMethodSchema),
});
export type NextStep = z.output<typeof nextStepSchema>;

/** GET /auth/state: who is signed in, how far, and the session's CSRF token. */
export const authStateSchema = z.object({
  needs_first_owner: z.boolean(),
  session: z
    .object({
      stage: z.enum(['pending', 'full']),
      next: z.enum(['totp', 'enrol']).nullable(),
      methods: z.array(secondFactorMethodSchema),
    })
    .nullable(),
  staff: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: roleSchema,
      language: staffLanguageSchema,
    })
    .nullable(),
  csrf_token: z.string().nullable(),
});
export type AuthState = z.output<typeof authStateSchema>;

/** What a live link is for; invite and reset links also name the address. */
export const linkInfoSchema = z.object({
  purpose: z.enum(['first-owner', 'invite', 'reset']),
  email: z.string().optional(),
});
export type LinkInfo = z.output<typeof linkInfoSchema>;

/** A new TOTP secret to scan: the secret, its otpauth address and a QR code drawn as SVG. */
export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  otpauth_uri: z.string(),
  qr_svg: z.string(),
});
export type TotpEnrolment = z.output<typeof totpEnrolmentSchema>;

export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()) });
export type RecoveryCodes = z.output<typeof recoveryCodesSchema>;

/**
 * WebAuthn options as the browser takes them (PublicKeyCredentialCreationOptionsJSON or
 * PublicKeyCredentialRequestOptionsJSON): their names are the W3C's, passed on unchanged, so the
 * document declares none of them.
 */
export const webAuthnOptionsSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'WebAuthn options JSON (names as the Web Authentication spec defines them): pass it to the browser unchanged',
  );
export type WebAuthnOptions = z.output<typeof webAuthnOptionsSchema>;

export const passkeySchema = z.object({ id: z.string(), name: z.string() });
export type PasskeyJson = z.output<typeof passkeySchema>;

export const sessionListSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      current: z.boolean(),
      created_at: z.string(),
      last_seen_at: z.string(),
      user_agent_summary: z.string(),
    }),
  ),
});
export type SessionList = z.output<typeof sessionListSchema>;

/** GET /staff: the accounts and the open invites. */
export const staffListSchema = z.object({
  staff: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: roleSchema,
      has_totp: z.boolean(),
      passkeys: z.number().int(),
      created_at: z.string(),
      last_sign_in_at: z.string().nullable(),
      disabled: z.boolean(),
    }),
  ),
  invites: z.array(z.object({ id: z.string(), email: z.string(), role: roleSchema, expires_at: z.string() })),
});
export type StaffList = z.output<typeof staffListSchema>;

/** POST /staff/invites: the link (also mailed), and whether the mail went out. */
export const inviteAnswerSchema = z.object({ invite_url: z.string(), mailed: z.boolean() });
export type InviteAnswer = z.output<typeof inviteAnswerSchema>;

export const outboxListSchema = z.object({
  messages: z.array(
    z.object({ id: z.string(), to: z.string(), subject: z.string(), created_at: z.string() }),
  ),
});
export type OutboxList = z.output<typeof outboxListSchema>;

export const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});
export type OutboxMessageJson = z.output<typeof outboxMessageSchema>;
