// DATA's transparency (RFC 5321 4.5.2): a line that starts with "." gets a second one, and the
// message ends with CRLF "." CRLF. Applied to the message's pieces as they are (a newsletter's
// shared, already encoded pieces are only scanned, never copied, when no line in them starts
// with a dot: our quoted-printable encoder writes such a dot as =2E, so that is every piece).

/** `chunks` as DATA's bytes, the final "." line included. */
export function dotStuff(chunks: readonly string[]): string[] {
  const out: string[] = [];
  let atLineStart = true;
  for (const chunk of chunks) {
    if (chunk === '') continue;
    const startsLine = atLineStart && chunk.charCodeAt(0) === 0x2e;
    out.push(startsLine || chunk.includes('\n.') ? stuff(chunk, atLineStart) : chunk);
    atLineStart = chunk.charCodeAt(chunk.length - 1) === 0x0a;
  }
  // The terminator needs a line of its own; a message not ending with a line break gets one.
  out.push(atLineStart ? '.\r\n' : '\r\n.\r\n');
  return out;
}

function stuff(chunk: string, atLineStart: boolean): string {
  const body = chunk.replace(/\n\./g, '\n..');
  return atLineStart && body.charCodeAt(0) === 0x2e ? `.${body}` : body;
}
