import { open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Enough of a message's start to hold its header fields. */
const HEAD_BYTES = 16 * 1024;

/** The header block of a message file (up to the first empty line), lower-cased. */
async function headerBlock(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.search(/\r?\n\r?\n/);
    return (end === -1 ? text : text.slice(0, end)).toLowerCase();
  } finally {
    await file.close();
  }
}

/** The address part of a recipient as the outbox recorded it (`a@b` or `Name <a@b>`). */
function addressOf(recorded: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(recorded);
  return (angle ? angle[1]! : recorded).trim().toLowerCase();
}

/** Whether `text` names `address` as a whole address, not inside a longer one. */
function mentions(text: string, address: string): boolean {
  for (let at = text.indexOf(address); at !== -1; at = text.indexOf(address, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + address.length] ?? ' ';
    if (!/[a-z0-9.!#$%&'*+/=?^_`{|}~-]/.test(before) && !/[a-z0-9.-]/.test(after)) return true;
  }
  return false;
}

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Deletes every message in the outbox folder `dir` addressed to `address`: the `.json` entry and
 * the `.eml` beside it, an `.eml` whose entry was never written (a crash between the two
 * writes), and a temporary file a crash left behind. A message counts once however many of its
 * files there were. Nothing else in the folder is touched.
 */
export async function forgetOutboxRecipient(dir: string, address: string): Promise<number> {
  const wanted = address.trim().toLowerCase();
  if (!wanted) return 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (missing(error)) return 0;
    throw error;
  }
  const present = new Set(names);
  const doomed = new Set<string>();
  const messages = new Set<string>();
  for (const name of names) {
    const id = name.split('.')[0]!;
    let matches: boolean;
    try {
      if (name.endsWith('.json')) {
        const entry = JSON.parse(await readFile(join(dir, name), 'utf8')) as { to?: unknown };
        matches = typeof entry.to === 'string' && addressOf(entry.to) === wanted;
      } else if (name.endsWith('.eml') && !present.has(`${id}.json`)) {
        matches = mentions(await headerBlock(join(dir, name)), wanted);
      } else if (name.endsWith('.tmp')) {
        matches = mentions(await headerBlock(join(dir, name)), wanted);
      } else continue;
    } catch (error) {
      if (missing(error)) continue;
      // A file that does not parse as an entry is not ours to judge: its .eml is checked instead.
      if (error instanceof SyntaxError && name.endsWith('.json')) {
        matches = present.has(`${id}.eml`) && mentions(await headerBlock(join(dir, `${id}.eml`)), wanted);
      } else throw error;
    }
    if (!matches) continue;
    messages.add(id);
    doomed.add(name);
    if (name.endsWith('.json') && present.has(`${id}.eml`)) doomed.add(`${id}.eml`);
  }
  for (const name of doomed) {
    try {
      await unlink(join(dir, name));
    } catch (error) {
      if (!missing(error)) throw error;
    }
  }
  return messages.size;
}
