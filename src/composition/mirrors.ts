// The ways out when the site is blocked, the key their published list is signed with, and the SOS
// letter that sends the list to every subscriber.
import type { Mailer } from '../adapters/mail/index.ts';
import { keyFilePath } from '../crypto/secret-key.ts';
import {
  createMirrorService,
  createSosSender,
  loadOrCreateMirrorKey,
  mirrorKeyFile,
  type MirrorService,
  type SosSender,
} from '../modules/mirrors/index.ts';
import type { SiteSettingsStore } from '../modules/settings/index.ts';
import type { Subscribers } from '../modules/subscribers/index.ts';
import type { Context } from './context.ts';

export function buildMirrors({ config, dataDir }: Context, settings: SiteSettingsStore): MirrorService {
  return createMirrorService({
    siteUrl: config.SITE_URL,
    stored: () => settings.get().mirrors,
    config,
    key: loadOrCreateMirrorKey(mirrorKeyFile(keyFilePath(config.SECRET_KEY_FILE, dataDir))),
  });
}

export function buildSos(
  { config, db, log, clock }: Context,
  deps: { mailer: Mailer; subscribers: Subscribers; mirrors: MirrorService; settings: SiteSettingsStore },
): SosSender {
  return createSosSender({
    db,
    mailer: deps.mailer,
    directory: deps.subscribers,
    mirrors: () => deps.mirrors.list(),
    siteUrl: config.SITE_URL,
    publicationName: () => deps.settings.get().name,
    concurrency: config.MAIL_CONCURRENCY,
    ratePerSecond: config.MAIL_RATE_PER_SECOND,
    log,
    ...clock,
  });
}
