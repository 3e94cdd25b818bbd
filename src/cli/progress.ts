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

/** `0:45`, `1:02:03`. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One line of a progress bar: bar, counts, rate and time left (when the total is known). */
export function barLine(
  label: string,
  done: number,
  total: number | null,
  elapsedMs: number,
  width = 24,
): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const perSecond = `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;
  if (!total) return `${label}: ${done} done, ${perSecond}`;
  const share = Math.min(1, done / total);
  const filled = Math.round(share * width);
  const eta = rate > 0 ? clock((total - done) / rate) : '?';
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${done}/${total} ${perSecond} ETA ${eta}`;
}

/**
 * A progress bar for a long job: redrawn in place at most a few times a second on a terminal;
 * elsewhere a plain line every `every` items (and at the end), so a log is not flooded.
 */
export function createProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stdout,
  options: { every?: number; now?: () => number } = {},
) {
  const now = options.now ?? Date.now;
  const started = now();
  const terminal = stream.isTTY === true;
  const every = options.every ?? 1000;
  let lastDraw = 0;
  let last = 0;
  return {
    update(done: number, total: number | null) {
      last = done;
      const t = now();
      if (terminal) {
        if (t - lastDraw < 100 && done !== total) return;
        lastDraw = t;
        stream.write(`\r\u001b[2K${barLine(label, done, total, t - started)}`);
      } else if (done % every === 0 || done === total) {
        stream.write(`${barLine(label, done, total, t - started)}\n`);
      }
    },
    /** Ends the bar's line (a terminal's last redraw gets its newline). */
    finish() {
      if (terminal) stream.write(`\r\u001b[2K${barLine(label, last, last, now() - started)}\n`);
    },
  };
}
