// The staff module's public surface: who is acting (actors, roles, permissions), API keys, the
// one-time setup link, and staff accounts with their sign-in, sessions and management.
export { actorRef, apiKeyActor, staffActor, systemActor, type Actor } from './actor.ts';
export { can, covers, ROLES, roleSchema, type Permission, type Role } from './roles.ts';
export { createApiKeyService, type ApiKeyPrincipal, type ApiKeyService } from './api-key-service.ts';
export { createSetupTokenService, type SetupTokenService } from './setup-token-service.ts';
export { createSignIn, type SignInService } from './sign-in-service.ts';
export { signInSchemas } from './sign-in-schemas.ts';
export type { ClientInfo, IssuedSession, SessionContext } from './sign-in-kit.ts';
export { passwordProblem, MIN_PASSWORD_LENGTH } from './password-policy.ts';
export { acceptTotp, totpCode, totpStep } from './totp-rules.ts';
export type { StaffMember } from './staff-store.ts';
export {
  createStaffDirectory,
  inviteSchema,
  staffPatchSchema,
  type StaffDirectory,
} from './staff-directory.ts';
export { passkeyAuthenticateSchema, passkeyRegisterSchema } from './passkey-service.ts';
export {
  authStateSchema,
  inviteAnswerSchema,
  linkInfoSchema,
  nextStepSchema,
  outboxListSchema,
  outboxMessageSchema,
  passkeySchema,
  recoveryCodesSchema,
  sessionListSchema,
  staffListSchema,
  totpEnrolmentSchema,
  webAuthnOptionsSchema,
} from './staff.types.ts';
