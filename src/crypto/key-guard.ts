import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../db/connect.ts';
import { KeyError } from './key-error.ts';
import { keyMeta } from './key-meta.ts';
import { countProtectedRows, sampleSealedValue } from './protected-data.ts';
import { open } from './sealed-box.ts';
import {
  deriveKeys,
  keyFilePath,
  keyFingerprint,
  newKeyFile,
  readKeyFile,
  writeKeyFile,
  type Keys,
} from './secret-key.ts';

const RESTORE = 'restore the key file from your backup (it is never stored in the database)';

/**
 * The keys for this database, or a KeyError saying in one line why not. The key lives in a file,
 * the database keeps its fingerprint: a key file that is missing, unreadable, corrupt, readable by
 * others or simply another key stops the start instead of being replaced, since a new key would
 * make everything sealed with the old one unreadable. A new key is made only for a database that
 * holds nothing sealed or hashed with one.
 */
export async function openKeys(
  db: Db,
  options: { configuredFile: string | undefined; dataDir: string },
): Promise<Keys> {
  const file = keyFilePath(options.configuredFile, options.dataDir);
  const rotation = await keyMeta.rotation(db.kysely);
  if (rotation) {
    throw new KeyError(
      `a key rotation is unfinished (${rotation.done} rows re-sealed so far); run \`samizdat key rotate\` again to finish it`,
    );
  }
  const recorded = await keyMeta.fingerprint(db.kysely);
  const content = readKeyFile(file);

  if (!content) {
    const rows = await countProtectedRows(db);
    if (rows > 0) {
      const sealedWith = recorded ? `key fingerprint ${recorded}` : 'a key';
      throw new KeyError(
        `${file} is missing but the database holds data sealed with ${sealedWith} (${rows} ${rows === 1 ? 'row' : 'rows'}); ${RESTORE}`,
      );
    }
    if (options.configuredFile) {
      throw new KeyError(
        `SECRET_KEY_FILE ${file} does not exist; create it or unset SECRET_KEY_FILE to keep the key in DATA_DIR`,
      );
    }
    // An empty database: nothing is lost by starting with a new key.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const created = newKeyFile();
    writeKeyFile(file, created);
    await keyMeta.setFingerprint(db.kysely, keyFingerprint(created.master));
    return deriveKeys(created.master);
  }

  const fingerprint = keyFingerprint(content.master);
  const different = (expected: string) =>
    new KeyError(
      `${file} holds key fingerprint ${fingerprint} but the database holds data sealed with key fingerprint ${expected}; ${RESTORE}`,
    );
  if (recorded && recorded !== fingerprint) throw different(recorded);
  const keys = deriveKeys(content.master, content.previousHashing);
  if (!recorded) {
    // A database from before fingerprints were kept: the key must at least open what it sealed.
    const sample = await sampleSealedValue(db);
    if (sample) {
      try {
        open(keys.encryption, sample);
      } catch {
        throw new KeyError(
          `${file} does not open the data sealed in the database (another key?); ${RESTORE}`,
        );
      }
    }
    const standing = await keyMeta.claimFingerprint(db.kysely, fingerprint);
    if (standing !== fingerprint) throw different(standing);
  }
  return keys;
}
