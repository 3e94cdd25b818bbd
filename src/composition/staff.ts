// Staff: API keys, setup tokens, sign-in and sessions, the directory admins manage.
import type { Mailer, Outbox } from '../adapters/mail/index.ts';
import type { AuditLog } from '../modules/audit/index.ts';
import {
  createApiKeyService,
  createSetupTokenService,
  createSignIn,
  createStaffDirectory,
  type ApiKeyService,
  type SetupTokenService,
  type SignInService,
  type StaffDirectory,
} from '../modules/staff/index.ts';
import type { Context } from './context.ts';

export function buildStaff(
  { config, db, keys, log, clock }: Context,
  deps: { mailer: Mailer; outbox: Outbox | null; audit: AuditLog; publicationName: () => string },
): { apiKeys: ApiKeyService; setupTokens: SetupTokenService; signIn: SignInService; staff: StaffDirectory } {
  const { mailer, audit, publicationName } = deps;
  const apiKeys = createApiKeyService({ db, hashingKeys: keys, ...clock });
  const setupTokens = createSetupTokenService({ db, hashingKey: keys.hashing, ...clock });
  const sessionPolicy = {
    idleMs: config.SESSION_IDLE_HOURS * 3600_000,
    absoluteMs: config.SESSION_ABSOLUTE_DAYS * 24 * 3600_000,
  };
  const signIn = createSignIn({
    db,
    keys,
    policy: sessionPolicy,
    mailer,
    siteUrl: config.SITE_URL,
    publicationName,
    audit,
    log,
    ...clock,
  });
  const staff = createStaffDirectory({
    db,
    keys,
    mailer,
    outbox: deps.outbox,
    siteUrl: config.SITE_URL,
    policy: sessionPolicy,
    publicationName,
    audit,
    log,
    ...clock,
  });
  return { apiKeys, setupTokens, signIn, staff };
}
