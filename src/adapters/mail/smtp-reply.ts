// SMTP replies (RFC 5321 4.2) read from a connection's bytes: a reply is one or more lines
// "250-..." continued until "250 ..." (or a bare code). Lines may arrive split over any number
// of reads; several replies may arrive in one (PIPELINING).

export interface SmtpReply {
  code: number;
  /** The reply's lines without their CRLF, code included ("250-PIPELINING", "250 OK"). */
  lines: string[];
}

/** The text of a reply as one line: what a delivery's reason keeps. */
export function replyText(reply: SmtpReply): string {
  return reply.lines.join('\n');
}

/** The keywords after EHLO's greeting line, upper-cased: PIPELINING, STARTTLS, AUTH PLAIN LOGIN, ... */
export function capabilities(reply: SmtpReply): Map<string, string[]> {
  const caps = new Map<string, string[]>();
  for (const line of reply.lines.slice(1)) {
    const [keyword = '', ...params] = line.slice(4).trim().toUpperCase().split(/\s+/);
    if (keyword) caps.set(keyword, params);
  }
  return caps;
}

export interface ReplyReader {
  /** Feeds bytes read; returns the replies they completed, in order. */
  push(text: string): SmtpReply[];
}

/** A line longer than this with no CRLF is not SMTP: the connection is dropped. */
export const MAX_REPLY_LINE = 4096;

export class MalformedReply extends Error {}

export function createReplyReader(): ReplyReader {
  let buffered = '';
  let lines: string[] = [];
  return {
    push(text) {
      buffered = buffered === '' ? text : buffered + text;
      const replies: SmtpReply[] = [];
      let start = 0;
      for (;;) {
        const eol = buffered.indexOf('\n', start);
        if (eol < 0) break;
        const line = buffered.slice(start, buffered[eol - 1] === '\r' ? eol - 1 : eol);
        start = eol + 1;
        if (!/^[2-5]\d\d([ -]|$)/.test(line))
          throw new MalformedReply(`not an SMTP reply: ${line.slice(0, 80)}`);
        lines.push(line);
        if (line[3] !== '-') {
          replies.push({ code: Number(line.slice(0, 3)), lines });
          lines = [];
        }
      }
      buffered = buffered.slice(start);
      if (buffered.length > MAX_REPLY_LINE) throw new MalformedReply('an SMTP reply line is too long');
      return replies;
    },
  };
}
