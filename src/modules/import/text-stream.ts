import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { DomainError } from '../../domain/errors.ts';

// An export read as text, a chunk at a time, in the encoding it declares: a WXR written by an
// old WordPress may say ISO-8859-1 or windows-1251 in its XML declaration. Never the whole file.

/** The encoding a file's first bytes declare: a byte-order mark, or an XML declaration's. */
export function declaredEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'utf-16';
  const start = new TextDecoder('latin1').decode(head.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start);
  return m ? m[1]!.toLowerCase() : 'utf-8';
}

export async function readHead(file: string, bytes = 512): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A decoder for `label`, or a clear refusal naming the encoding. */
export function decoderFor(label: string): TextDecoder {
  try {
    // Not fatal: a stray byte becomes U+FFFD in that one place rather than losing the archive.
    return new TextDecoder(label, { fatal: false, ignoreBOM: false });
  } catch {
    throw new DomainError(
      'invalid_input',
      `the file declares the encoding "${label}", which cannot be read here; convert it to UTF-8 (iconv -f ${label} -t UTF-8)`,
    );
  }
}

/** The file as text chunks in `encoding`. */
export async function* textChunks(file: string, encoding: string): AsyncGenerator<string> {
  const decoder = decoderFor(encoding);
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
