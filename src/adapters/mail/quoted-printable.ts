// Quoted-printable (RFC 2045) written so that DKIM's relaxed body canonicalization leaves it as
// it is: no whitespace at a line's end, never two whitespace characters in a row (a second space
// is =20, a tab always =09). The body hash is then the SHA-256 of the bytes as sent, with no
// canonicalization pass over 40 KB per message.
//
// A text is encoded as pieces that each start on a new line: a piece that does not end with a
// line break ends with a soft line break (=CRLF), which a reader's client removes. A newsletter's
// shared pieces are encoded once per issue; only the personal pieces (a name, two links) are
// encoded per recipient.

const HEX = '0123456789ABCDEF';
/** Characters on a line before the soft break's "=" (RFC 2045: 76 with it). */
const LINE = 75;

export function encodeQuotedPrintable(text: string): string {
  if (text === '') return '';
  const bytes = Buffer.from(text.replace(/\r\n?/g, '\n'), 'utf8');
  let out = '';
  let line = '';
  const push = (token: string) => {
    if (line.length + token.length > LINE) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    const next = bytes[i + 1];
    const lastOnLine = next === undefined || next === 0x0a;
    if (b === 0x20) {
      // Literal only between two non-blank characters: no trailing and no repeated whitespace.
      const before = line.length > 0 && !line.endsWith(' ');
      push(!lastOnLine && before && line.length < LINE ? ' ' : '=20');
    } else if (b > 0x20 && b < 0x7f && b !== 0x3d && !(b === 0x2e && line.length === 0)) {
      // A dot opening a line is encoded: a relay that forgets to dot-stuff cannot end the message.
      push(String.fromCharCode(b));
    } else {
      push(`=${HEX[b >> 4]}${HEX[b & 15]}`);
    }
  }
  return line === '' ? out : `${out}${line}=\r\n`;
}

/**
 * A text given as pieces, encoded; pieces in `cache` (the shared parts of a newsletter) are
 * encoded once. The result ends with CRLF (the last soft break is dropped) so a MIME boundary
 * can follow it.
 */
export function encodePieces(pieces: readonly string[], cache?: Map<string, string>): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    let encoded = cache?.get(piece);
    if (encoded === undefined) {
      encoded = encodeQuotedPrintable(piece);
      // Long pieces are the shared ones; short ones are personal and not worth keeping.
      if (cache && piece.length >= 256) {
        if (cache.size >= 256) cache.clear();
        cache.set(piece, encoded);
      }
    }
    if (encoded !== '') out.push(encoded);
  }
  const last = out.length - 1;
  if (last >= 0 && out[last]!.endsWith('=\r\n')) out[last] = `${out[last]!.slice(0, -3)}\r\n`;
  return out;
}
