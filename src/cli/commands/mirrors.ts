import { readFile } from 'node:fs/promises';
import { CliError, type Command } from '../command.ts';
import { loadCliConfig } from '../boot.ts';
import { resolveDataDir } from '../../config/data-dir.ts';
import { keyFilePath } from '../../crypto/secret-key.ts';
import {
  loadOrCreateMirrorKey,
  mirrorKeyFile,
  publicKeyText,
  verifyMirrorList,
} from '../../modules/mirrors/index.ts';

const LIST_PATH = '/.well-known/samizdat-mirrors.json';

const usage = `Usage: samizdat mirrors key
       samizdat mirrors verify URL_OR_FILE [--key PUBLIC_KEY]

key     Prints the public key the mirror list (${LIST_PATH}) is signed with, for readers'
        apps and other mirrors to pin. The signing key is mirrors-ed25519.pem beside the secret
        key file (created on first use); back it up with the secret key.
verify  Fetches a list (a site URL, the list's URL, or a file) and checks it: its shape, its
        signature, and with --key that it is signed by that key. Exit code 0 when the list is
        good (warnings, such as a stale list, are printed), 1 when it is not.`;

/** Where to read the list: a file, the list's URL, or a site (its well-known address). */
async function readList(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) {
    try {
      return await readFile(source, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${source}: ${(err as Error).message}`);
    }
  }
  const url = new URL(source);
  if (url.pathname === '/' || url.pathname === '') url.pathname = LIST_PATH;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(20_000), redirect: 'follow' });
  } catch (err) {
    throw new CliError(`cannot fetch ${url.href}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new CliError(`${url.href} answered ${res.status}`);
  return res.text();
}

export const mirrorsCommand: Command = {
  name: 'mirrors',
  summary: 'The signed mirror list: print its public key, verify a list (mirrors key|verify)',
  usage,
  options: { key: { type: 'string' } },
  async run({ positionals, values }) {
    const [action, source, ...rest] = positionals;
    if (action === 'key' && source === undefined) {
      const config = loadCliConfig();
      const file = mirrorKeyFile(keyFilePath(config.SECRET_KEY_FILE, resolveDataDir(config)));
      console.log(publicKeyText(loadOrCreateMirrorKey(file).publicKey));
      return 0;
    }
    if (action !== 'verify' || source === undefined || rest.length > 0) throw new CliError(usage, 2);
    const text = await readList(source);
    const pinnedKey = typeof values.key === 'string' ? values.key : undefined;
    const result = verifyMirrorList(text, { now: new Date(), ...(pinnedKey ? { pinnedKey } : {}) });
    for (const warning of result.warnings) console.log(`warning: ${warning}`);
    if (!result.ok) {
      for (const error of result.errors) console.error(`error: ${error}`);
      console.error(`${source}: the mirror list is NOT valid`);
      return 1;
    }
    const list = result.list!;
    console.log(
      `${source}: a valid mirror list for ${list.site}, signed ${list.signed_at} by ${list.public_key}`,
    );
    for (const m of list.mirrors)
      console.log(`  ${m.kind ?? 'mirror'}  ${m.url}${m.note ? `  (${m.note})` : ''}`);
    return 0;
  },
};
