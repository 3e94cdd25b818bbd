import { DomainError } from '../../domain/errors.ts';

// A bounded way through a large JSON export (Ghost's): the text is scanned once, and only the
// values at the paths asked for (each post of db[0].data.posts, say) are cut out and parsed, one
// at a time. Memory holds one such value, never the file. Paths name object keys, and "*" for
// an array's elements.

type Frame = { kind: 'object'; key: string | null; expectKey: boolean } | { kind: 'array' };

export async function* jsonValuesAt(
  chunks: AsyncIterable<string>,
  wanted: (path: readonly string[]) => boolean,
): AsyncGenerator<{ path: string[]; value: unknown }> {
  const frames: Frame[] = [];
  const pathOf = () => frames.map((f) => (f.kind === 'array' ? '*' : (f.key ?? '')));
  let inString = false;
  let escaped = false;
  let readingKey = false;
  let key = '';
  let capture: { parts: string[]; depth: number; path: string[]; from: number } | null = null;
  let started = false;
  let ended = false;

  for await (const chunk of chunks) {
    const ready: Array<{ path: string[]; value: unknown }> = [];
    if (capture) capture.from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') {
          inString = false;
          if (readingKey) {
            readingKey = false;
            const top = frames[frames.length - 1];
            if (top?.kind === 'object') {
              top.key = key;
              top.expectKey = false;
            }
          }
        } else if (readingKey) key += c;
        continue;
      }
      if (capture) {
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') capture.depth++;
        else if (c === '}' || c === ']') {
          capture.depth--;
          if (capture.depth === 0) {
            capture.parts.push(chunk.slice(capture.from, i + 1));
            const text = capture.parts.join('');
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch (err) {
              throw new DomainError(
                'invalid_input',
                `the JSON is malformed near ${capture.path.join('.')}: ${(err as Error).message}`,
              );
            }
            ready.push({ path: capture.path, value });
            capture = null;
          }
        }
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ':') continue;
      if (!started) {
        if (c === '\uFEFF') continue;
        if (c !== '{' && c !== '[') throw new DomainError('invalid_input', 'the file is not JSON');
        started = true;
      }
      if (ended) throw new DomainError('invalid_input', 'the JSON has more after its end');
      const top = frames[frames.length - 1];
      if (c === ',') {
        if (top?.kind === 'object') top.expectKey = true;
        continue;
      }
      if (c === '"') {
        inString = true;
        if (top?.kind === 'object' && top.expectKey) {
          readingKey = true;
          key = '';
        }
        continue;
      }
      if (c === '{' || c === '[') {
        const path = pathOf();
        if (wanted(path)) {
          capture = { parts: [], depth: 1, path, from: i };
          continue;
        }
        frames.push(c === '{' ? { kind: 'object', key: null, expectKey: true } : { kind: 'array' });
        continue;
      }
      if (c === '}' || c === ']') {
        frames.pop();
        if (frames.length === 0) ended = true;
        continue;
      }
      // Numbers, true, false, null outside what is captured: nothing to keep.
    }
    if (capture) capture.parts.push(chunk.slice(capture.from));
    yield* ready;
  }
  if (!started) throw new DomainError('invalid_input', 'the file is empty');
  if (capture || frames.length > 0 || inString)
    throw new DomainError('invalid_input', 'the JSON ends early (the file is truncated)');
}
