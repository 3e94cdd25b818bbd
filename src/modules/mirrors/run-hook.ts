// MIRROR_HOOK: the operator's command that pushes a fresh export out (rsync, rclone, ipfs add),
// run with /bin/sh in the mirror folder after each export. It gets MIRROR_DIR in its environment,
// has MIRROR_HOOK_TIMEOUT_S to finish (then its whole process group is stopped), and its output
// is kept (the last part) for the log. A failing or hanging hook never stops the next export.
import { spawn } from 'node:child_process';

export interface HookResult {
  ok: boolean;
  /** The exit code, when it exited. */
  code: number | null;
  timedOut: boolean;
  /** The end of what it printed (stdout and stderr together). */
  output: string;
  /** One line for the log. */
  summary: string;
}

const KEEP_OUTPUT = 4000;
const KILL_GRACE_MS = 3000;

export function runHook(command: string, options: { dir: string; timeoutS: number }): Promise<HookResult> {
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-KEEP_OUTPUT);
    };
    let child;
    try {
      child = spawn('/bin/sh', ['-c', command], {
        cwd: options.dir,
        env: { ...process.env, MIRROR_DIR: options.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group, so a timeout stops what it started too
      });
    } catch (err) {
      const message = (err as Error).message;
      return resolve({
        ok: false,
        code: null,
        timedOut: false,
        output: '',
        summary: `could not start: ${message}`,
      });
    }
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const signal = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      signal('SIGTERM');
      killer = setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS);
    }, options.timeoutS * 1000);
    child.on('error', (err) => {
      clearTimeout(timer);
      clearTimeout(killer);
      resolve({ ok: false, code: null, timedOut, output, summary: `could not start: ${err.message}` });
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      clearTimeout(killer);
      const ok = !timedOut && code === 0;
      const summary = timedOut
        ? `did not finish within ${options.timeoutS} s and was stopped`
        : code === 0
          ? 'finished'
          : code === null
            ? `was stopped by ${sig}`
            : `failed with exit code ${code}`;
      resolve({ ok, code, timedOut, output: output.trim(), summary });
    });
  });
}
