import { z } from 'zod';
import { singleLine } from './text-schemas.ts';

// The ways out a newsroom lists for readers who cannot reach its site: mirrors, the onion
// address, a Telegram channel, the newsletter signup. One entry: a URL, what it is, a note
// (and notes per language). Kept in the settings (`mirrors`, edited by admins) or, until then,
// in the MIRRORS setting of the configuration.

export const MIRROR_KINDS = ['mirror', 'onion', 'telegram', 'newsletter', 'other'] as const;
export type MirrorKind = (typeof MIRROR_KINDS)[number];

const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export const mirrorEntrySchema = z
  .object({
    kind: z.enum(MIRROR_KINDS).optional(),
    url: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).max(500),
    note: singleLine(300).default(''),
    notes: z.record(z.string().regex(LANGUAGE), singleLine(300)).default({}),
  })
  .strict();

export const mirrorListSchema = z.array(mirrorEntrySchema).max(50);

/** An entry as stored; `kind` may be absent (then kindOf its URL). */
export type StoredMirrorEntry = z.output<typeof mirrorEntrySchema>;
/** An entry as published: its kind always said. */
export type MirrorEntry = StoredMirrorEntry & { kind: MirrorKind };

export function withKind(entry: StoredMirrorEntry): MirrorEntry {
  return { ...entry, kind: entry.kind ?? kindOf(entry.url) };
}

/** What a URL is when the entry does not say: the onion service, a Telegram channel, a mirror. */
export function kindOf(url: string): MirrorKind {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'other';
  }
  if (host.endsWith('.onion')) return 'onion';
  if (host === 't.me' || host === 'telegram.me') return 'telegram';
  return 'mirror';
}

/**
 * MIRRORS as the environment gives it: a JSON array of entries
 * (`[{"url":"https://m.example","note":"Mirror","notes":{"ru":"Зеркало"}}]`), or the short form
 * `url|note;url|note` (kind taken from the URL). Empty: no list.
 */
export function parseMirrorsSetting(text: string): { mirrors: MirrorEntry[] } | { error: string } {
  const value = text.trim();
  if (value === '') return { mirrors: [] };
  let raw: unknown;
  if (value.startsWith('[')) {
    try {
      raw = JSON.parse(value);
    } catch {
      return { error: 'starts with "[" but is not valid JSON' };
    }
  } else {
    raw = value
      .split(';')
      .filter((part) => part.trim() !== '')
      .map((part) => {
        const at = part.indexOf('|');
        return at < 0
          ? { url: part.trim() }
          : { url: part.slice(0, at).trim(), note: part.slice(at + 1).trim() };
      });
  }
  const parsed = mirrorListSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `${issue?.path.join('.') || 'list'}: ${issue?.message ?? 'is not valid'}` };
  }
  return { mirrors: parsed.data.map(withKind) };
}
