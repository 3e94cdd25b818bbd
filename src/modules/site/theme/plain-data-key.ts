/**
 * `value` written out in full as a string, two values giving the same string only when a template
 * reading them cannot tell them apart; null when it holds anything but plain data (a function, a
 * Date, a Map, a class instance: what a template sees of those is not in their JSON).
 */
export function plainDataKey(value: unknown): string | null {
  const parts: string[] = [];
  return write(value, parts, 0) ? parts.join('') : null;
}

const MAX_DEPTH = 32;

function write(value: unknown, out: string[], depth: number): boolean {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return true;
    case 'number':
      // NaN, Infinity and -0 written as themselves (JSON would make the first two null).
      out.push(Object.is(value, -0) ? '-0' : String(value));
      return true;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return true;
    case 'undefined':
      out.push('undefined');
      return true;
    case 'object': {
      if (value === null) {
        out.push('null');
        return true;
      }
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        out.push('[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out.push(',');
          if (!write(value[i], out, depth + 1)) return false;
        }
        out.push(']');
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      out.push('{');
      let first = true;
      for (const key of Object.getOwnPropertyNames(value)) {
        if (!first) out.push(',');
        first = false;
        out.push(JSON.stringify(key), ':');
        if (!write((value as Record<string, unknown>)[key], out, depth + 1)) return false;
      }
      out.push('}');
      return true;
    }
    default:
      return false; // function, symbol, bigint
  }
}
