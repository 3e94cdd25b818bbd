import type { KeyObject } from 'node:crypto';
import {
  parseMirrorsSetting,
  withKind,
  type MirrorEntry,
  type StoredMirrorEntry,
} from '../../lib/mirror-entries.ts';
import { publicKeyText, signMirrorList, type SignedMirrorList } from './signed-list.ts';

/**
 * The list as published: the `mirrors` setting once an admin has saved one, else MIRRORS from
 * the configuration; the onion address (ONION_ADDRESS) is added when the list does not name it.
 */
export function currentMirrors(
  stored: readonly StoredMirrorEntry[] | null,
  config: { MIRRORS: string; ONION_ADDRESS?: string | undefined },
): MirrorEntry[] {
  const fromConfig = parseMirrorsSetting(config.MIRRORS);
  const list = stored ? stored.map(withKind) : 'mirrors' in fromConfig ? fromConfig.mirrors : [];
  const onion = config.ONION_ADDRESS?.replace(/\/+$/, '');
  if (onion && !list.some((e) => e.url.replace(/\/+$/, '') === onion)) {
    list.push({ kind: 'onion', url: onion, note: '', notes: {} });
  }
  return list;
}

/** An entry's note in `lang`, else its default note. */
export function noteIn(entry: MirrorEntry, lang: string): string {
  return entry.notes[lang] || entry.note;
}

export interface MirrorService {
  list(): MirrorEntry[];
  /** The signing key's public half, base64url (as `samizdat mirrors key` prints it). */
  publicKey: string;
  signed(now: Date): SignedMirrorList;
}

export function createMirrorService(deps: {
  siteUrl: string;
  stored: () => readonly StoredMirrorEntry[] | null;
  config: { MIRRORS: string; ONION_ADDRESS?: string | undefined };
  key: { privateKey: KeyObject; publicKey: KeyObject };
}): MirrorService {
  const list = () => currentMirrors(deps.stored(), deps.config);
  return {
    list,
    publicKey: publicKeyText(deps.key.publicKey),
    signed: (now) =>
      signMirrorList(
        { site: deps.siteUrl, mirrors: list(), signedAt: now },
        deps.key.privateKey,
        deps.key.publicKey,
      ),
  };
}
