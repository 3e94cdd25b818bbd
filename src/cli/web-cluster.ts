import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { CliError } from './command.ts';

// One Node process answers HTTP on one core. With WEB_WORKERS > 1, `serve` becomes a supervisor
// that runs migrations, the demo seed and background jobs itself and forks that many copies of
// this command to serve HTTP on the shared port (node:cluster hands connections round-robin).
// With --no-worker it runs no jobs, so a child migrates and seeds and the supervisor loads no
// services at all (commands/serve.ts).
// Their page caches stay in step through the change feed in the database.
//
// Faults: a web process that dies is replaced, after a delay that doubles with each failure in a
// row (capped), and the supervisor says which one died, how, and its last error line. While any
// web process is serving, nothing a replacement does can stop the site; the supervisor gives up
// only when none is serving and a replacement cannot start either (a port in use, a bad key).

/**
 * V8's young generation grows to 2 × 16 MB and stays committed; capped at 1 MB, a web process
 * holds some 30 MB less for slightly more frequent (and each cheaper) minor collections. With
 * --optimize-for-size V8 grows the old generation less eagerly: under a flood of uncached
 * requests (bench/cache-flood.bench.ts) a web process otherwise kept its heap grown to 130 MB
 * (most of it garbage awaiting a full collection) where it now stays near 50 MB, for no CPU
 * time per render we could measure. V8's own thread pool (four threads by default, for
 * concurrent marking and compiling) is one thread: each thread that allocates gets a malloc
 * arena of its own, which keeps what it once held. bin/samizdat.js starts with the same flags.
 */
export const WEB_PROCESS_NODE_FLAGS = ['--max-semi-space-size=1', '--optimize-for-size', '--v8-pool-size=1'];

/**
 * glibc's allocator, told before the process starts (so in the environment: bin/samizdat.js's
 * first line sets it for the command, the supervisor for its web processes). By default every
 * thread that allocates (V8's, libuv's four) may get an arena of its own, up to eight per core,
 * and each keeps freed memory; and the threshold above which freed memory goes back to the
 * system rises with every large block freed, up to 32 MB. Two arenas and a fixed 128 KB
 * threshold: a web process that has served every page kind holds about 10 MB less, for no CPU
 * time per render we could measure (bench/README.md, issue 15). An operator's own value wins.
 */
export const WEB_PROCESS_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** Whether a Node flag is one of WEB_PROCESS_NODE_FLAGS (whatever its value). */
export function isWebProcessFlag(flag: string): boolean {
  return WEB_PROCESS_NODE_FLAGS.some((f) => flag.split('=')[0] === f.split('=')[0]);
}

/** WEB_PROCESS_ENV under what the environment already sets. */
export function webProcessEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(WEB_PROCESS_ENV).map(([name, value]) => [name, env[name] ?? value]),
  );
}

/** WEB_WORKERS as a count: `auto` is one per core. */
export function webWorkerCount(setting: number | 'auto', cores = availableParallelism()): number {
  return setting === 'auto' ? Math.min(Math.max(1, cores), 64) : setting;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** A replacement serving this long ends a run of failures: the next one restarts at once again. */
const STABLE_MS = 10_000;
const STOP_GRACE_MS = 10_000;

/**
 * How long to wait before starting a replacement after `failures` failures in a row: the first
 * restart is immediate (one crash of a healthy process), then 0.5 s, 1 s, 2 s … up to 30 s.
 */
export function restartDelay(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - 2));
}

/** What a web process sends the supervisor before it exits on a start-up error (cli/main.ts). */
export interface FatalMessage {
  samizdat: 'fatal';
  message: string;
}

export function isFatalMessage(value: unknown): value is FatalMessage {
  return (
    !!value &&
    typeof value === 'object' &&
    (value as FatalMessage).samizdat === 'fatal' &&
    typeof (value as FatalMessage).message === 'string'
  );
}

export interface WebCluster {
  port: number;
  /** Ask every worker to finish its requests and exit; resolves when all have. */
  stop(): Promise<void>;
  /** Resolves if the cluster cannot keep running (no process serving, and none can start). */
  failed: Promise<Error>;
}

export function isWebWorker(): boolean {
  return cluster.isWorker;
}

/**
 * Fork `count` web workers and keep that many running. Resolves once every first worker has
 * listened or died with at least one listening; rejects if none of them could listen.
 */
export function startWebCluster(count: number, log: (line: string) => void): Promise<WebCluster> {
  const execArgv = [...process.execArgv.filter((a) => !isWebProcessFlag(a)), ...WEB_PROCESS_NODE_FLAGS];
  cluster.setupPrimary({ execArgv });
  const fork = () => cluster.fork(webProcessEnv());
  const serving = new Set<Worker>();
  const lastError = new Map<Worker, string>();
  const timers = new Set<NodeJS.Timeout>();
  let failures = 0;
  let stableTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let port = 0;
  const starting = new Set<Worker>(); // first workers that have neither listened nor died
  let reportFailure: (err: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  const stop = async () => {
    stopping = true;
    for (const timer of timers) clearTimeout(timer);
    clearTimeout(stableTimer);
    await Promise.all(
      alive().map(
        (worker) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => (clearTimeout(timer), resolve()));
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = () => {
      if (settled || starting.size > 0 || serving.size === 0) return;
      settled = true;
      resolve({ port, stop, failed });
    };
    const giveUp = (err: Error) => {
      void stop().then(() => {
        if (settled) reportFailure(err);
        else {
          settled = true;
          reject(err);
        }
      });
    };

    cluster.on('message', (worker, message: unknown) => {
      if (isFatalMessage(message)) lastError.set(worker, message.message);
    });
    cluster.on('listening', (worker, address) => {
      if (serving.has(worker)) return;
      serving.add(worker);
      port = address.port;
      starting.delete(worker);
      if (settled) log(`web process ${worker.process.pid} serving; ${serving.size} of ${count} serving`);
      // A replacement that keeps serving ends the run of failures.
      clearTimeout(stableTimer);
      if (failures > 0) stableTimer = setTimeout(() => (failures = 0), STABLE_MS);
      settle();
    });
    cluster.on('exit', (worker, code, signal) => {
      const listened = serving.delete(worker);
      if (stopping) return;
      starting.delete(worker);
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const why = lastError.get(worker);
      lastError.delete(worker);
      const reason = why ? `${how}: ${why}` : how;
      const pid = worker.process.pid;
      if (serving.size === 0 && !listened) {
        // Nothing serves and a new process cannot start either: restarting would only loop.
        giveUp(
          new CliError(
            why
              ? `no web process can start: ${why} (${how})`
              : `no web process can start (${how}); see the error above`,
          ),
        );
        return;
      }
      failures++;
      clearTimeout(stableTimer);
      const delay = restartDelay(failures);
      log(
        `web process ${pid} ${listened ? 'stopped' : 'stopped before serving'} (${reason}); ` +
          `${serving.size} of ${count} serving; ` +
          (delay ? `starting another in ${delay / 1000} s` : 'starting another'),
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) fork();
      }, delay);
      timers.add(timer);
      settle();
    });
    for (let i = 0; i < count; i++) starting.add(fork());
  });
}
