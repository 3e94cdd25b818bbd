import { translate } from '../../../../i18n/index.ts';

// What a Liquid template does with a value, for the partials written in TypeScript: output as
// the theme engine writes it (outputEscape: 'escape'), truthiness, `.size`, the `t` filter.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** Liquid's `{{ value }}` under `outputEscape: 'escape'`: nil is empty, arrays are joined. */
export function out(value: unknown): string {
  return text(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join('');
  return String(value);
}

/** Liquid's truthiness: only false and nil are false ('' and 0 are true). */
export const truthy = (value: unknown): boolean => value !== false && value !== null && value !== undefined;

/** `{{ 'key' | t: name: value }}`: the theme engine's `t` filter, escaped like any output. */
export function t(
  globals: Record<string, unknown>,
  key: string,
  vars: Record<string, number | string | null> = {},
) {
  const lang = globals.lang;
  return out(translate(typeof lang === 'string' ? lang : 'en', key, vars));
}

/** `.size` of a Liquid value: an array's or string's length, else nothing (false in a comparison). */
export const size = (value: unknown): number | undefined =>
  Array.isArray(value) || typeof value === 'string' ? value.length : undefined;

export type Obj = Record<string, unknown>;
export const obj = (value: unknown): Obj =>
  value !== null && typeof value === 'object' ? (value as Obj) : {};

/** What `{% for x in value %}` walks: an array's items, nothing for anything else here. */
export const arr = (value: unknown): Obj[] => (Array.isArray(value) ? (value as unknown[]).map(obj) : []);

/** A `t` filter argument as the theme engine passes it on: numbers stay, nil is null, else text. */
export const kw = (value: unknown): number | string | null =>
  typeof value === 'number' ? value : value === null || value === undefined ? null : String(value);

/** `{{ value | raw }}`: written as it is. */
export const raw = (value: unknown): string => text(value);

/** What `{% for x in value %}` walks, items as they are (strings, numbers). */
export const items = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
