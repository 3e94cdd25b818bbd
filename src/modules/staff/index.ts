// The staff module's public surface: who is acting (actors, roles, permissions), API keys and
// the one-time setup link.
export { actorRef, apiKeyActor, systemActor, type Actor } from './actor.ts';
export { can, covers, ROLES, roleSchema, type Permission, type Role } from './roles.ts';
export { createApiKeyService, type ApiKeyPrincipal, type ApiKeyService } from './api-key-service.ts';
export { createSetupTokenService, type SetupTokenService } from './setup-token-service.ts';
