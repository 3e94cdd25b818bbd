/**
 * Progress of a slow step for whoever watches the start. On a terminal, `count` rewrites one
 * line in place; written to a file or a journal, each count is its own line, since a carriage
 * return there only garbles the log.
 */
export interface Progress {
  /** A step starting, on a line of its own. */
  line: (text: string) => void;
  /** `label: n of total`: one updating line on a terminal, plain lines elsewhere. */
  count: (label: string, done: number, total: number) => void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  const terminal = stream.isTTY === true;
  let open = false; // a counting line awaits its newline
  const endCount = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    line(text) {
      endCount();
      stream.write(`${text}\n`);
    },
    count(label, done, total) {
      const text = `${label}: ${done} of ${total}`;
      if (!terminal) return void stream.write(`${text}\n`);
      stream.write(`\r\u001b[2K${text}`);
      open = done < total;
      if (!open) stream.write('\n');
    },
  };
}
