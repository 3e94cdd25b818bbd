import { z } from 'zod';

/**
 * C0 control characters and DEL. PostgreSQL cannot store NUL at all (a 500 there, silently
 * stored on SQLite), and the others are invisible in a form yet end up as raw bytes in every
 * page, feed and e-mail that shows the field.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
/** The same, except the tab and line breaks a paragraph of text may hold. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** True when the text holds a control character that has no place in it. */
export function hasControlCharacter(text: string, options: { multiLine?: boolean } = {}): boolean {
  return (options.multiLine ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(text);
}

/** True when any string inside a JSON value (a document tree, say) holds a control character. */
export function hasControlCharacterDeep(value: unknown): boolean {
  if (typeof value === 'string') return hasControlCharacter(value, { multiLine: true });
  if (Array.isArray(value)) return value.some(hasControlCharacterDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, v]) => hasControlCharacter(key) || hasControlCharacterDeep(v));
  }
  return false;
}

/**
 * A one-line text field (a name, a title, a credit): trimmed, at most `max` characters, no control
 * characters at all. Chain `.min(1)` for a required field.
 */
export function singleLine(max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((v) => !hasControlCharacter(v), {
      message: 'must not contain control characters (such as NUL or a line break)',
    });
}

/** A text field that may hold paragraphs: tab, line feed and carriage return are allowed. */
export function multiLine(max: number) {
  return z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((v) => !hasControlCharacter(v, { multiLine: true }), {
      message: 'must not contain control characters (such as NUL)',
    });
}
