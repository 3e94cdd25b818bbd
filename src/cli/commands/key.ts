import type { Command } from '../command.ts';
import { CliError } from '../command.ts';
import { bootDatabase, explainKeyError, migrateDatabase } from '../boot.ts';
import { resolveDataDir } from '../../config/data-dir.ts';

const usage = `Usage: samizdat key rotate

Replaces the secret key (DATA_DIR/secret.key, or SECRET_KEY_FILE) with a new one and re-seals
everything the old key protects: authors' real names and staff e-mail addresses and second-factor
secrets. Stop \`serve\` and \`worker\` first: running processes keep the old key in memory.

How it stays safe:
  - the new key is written to <key file>.new first; every row is re-sealed under it, a batch per
    transaction with a progress marker in the database, so a run that is killed or fails can
    simply be run again and continues where it stopped;
  - only when every row is done is <key file>.new renamed over the key file (atomically) and its
    fingerprint recorded; until then \`serve\` refuses to start and says so.

API keys keep working. They are stored as keyed hashes of a secret Samizdat never keeps, so they
cannot be re-hashed: the new key file also carries the old key's hashing subkey (never its
encryption key), and each API key moves to the new key the first time it is used. Unused
first-owner setup links expire; \`serve\` prints a fresh one.

Back up the new key file afterwards: database backups taken before the rotation still need the
old key file.

Needs an existing site: run where its DATA_DIR (or DATABASE_URL) points; it never creates one.`;

export const keyCommand: Command = {
  name: 'key',
  summary: 'Rotate the secret key that seals personal data (key rotate)',
  usage,
  async run({ positionals }) {
    if (positionals[0] !== 'rotate' || positionals.length > 1) throw new CliError(usage, 2);
    const { config, db } = await bootDatabase();
    try {
      await migrateDatabase(db);
      const { rotateKey } = await import('../../crypto/key-rotation.ts');
      const report = await rotateKey(db, {
        configuredFile: config.SECRET_KEY_FILE,
        dataDir: resolveDataDir(config),
      }).catch(explainKeyError);
      const resealed = Object.entries(report.resealed).map(([table, n]) => `${n} ${table}`);
      console.log(
        `${report.resumed ? 'Finished the interrupted rotation' : 'Rotated the secret key'}: ${report.from} -> ${report.to}.`,
      );
      console.log(`Re-sealed rows: ${resealed.length ? resealed.join(', ') : 'none in this run'}.`);
      console.log(
        `${report.apiKeys} active API key(s) keep working and move to the new key on first use; ${report.setupTokensExpired} unused setup link(s) expired.`,
      );
      console.log(`The new key is in ${report.file}: back it up now.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
