import type { Kysely } from 'kysely';

// Site settings now refuse control characters (src/lib/text-schemas.ts), and the stored settings
// are checked against the same rules at start. Settings saved before that rule may hold them (the
// JSON escapes NUL, so both databases kept it), which would stop the start: take them out here.
// Self-contained on purpose (a migration never changes, the rules in src/ may), and re-runnable:
// clean settings are left as they are.

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ALL_CONTROLS = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex -- as above, keeping tab and line breaks
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Fields that are one line; every other string field may hold paragraphs. */
const SINGLE_LINE = new Set(['name']);
/** The product's own name, for a publication name that was nothing but control characters. */
const FALLBACK_NAME = 'Samizdat';

function clean(value: unknown, singleLine: boolean): unknown {
  if (typeof value === 'string')
    return value.replace(singleLine ? ALL_CONTROLS : CONTROLS_BUT_LINE_BREAKS, '');
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, false)]));
  }
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const row = (await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'site')
    .executeTakeFirst()) as { value: string } | undefined;
  if (!row) return;
  const stored = JSON.parse(row.value) as Record<string, unknown>;
  const cleaned = Object.fromEntries(
    Object.entries(stored).map(([key, value]) => [key, clean(value, SINGLE_LINE.has(key))]),
  );
  if (typeof cleaned.name === 'string' && cleaned.name.trim() === '') cleaned.name = FALLBACK_NAME;
  const value = JSON.stringify(cleaned);
  if (value !== row.value)
    await db.updateTable('settings').set({ value }).where('key', '=', 'site').execute();
}
