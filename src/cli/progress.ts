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
  /**
   * A bar with the rate and the time left, `startedAt` being when counting began (performance.now()
   * ms): one updating line on a terminal, plain lines elsewhere.
   */
  bar: (label: string, done: number, total: number, startedAt: number) => void;
}

/** `[#####.....]  50%  500 of 1000  120/s  ETA 4s`: pure, for tests. */
export function progressBarText(label: string, done: number, total: number, elapsedMs: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const width = 24;
  const filled = Math.round(fraction * width);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? Math.max(0, total - done) / rate : NaN;
  const eta = Number.isFinite(left) ? formatSeconds(left) : '?';
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done} of ${total}  ${Math.round(rate)}/s  ETA ${eta}`;
}

function formatSeconds(s: number): string {
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(sec).padStart(2, '0')}s`
      : `${sec}s`;
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
    bar(label, done, total, startedAt) {
      const text = progressBarText(label, done, total, performance.now() - startedAt);
      if (!terminal) return void stream.write(`${text}\n`);
      stream.write(`\r\u001b[2K${text}`);
      open = done < total;
      if (!open) stream.write('\n');
    },
  };
}
