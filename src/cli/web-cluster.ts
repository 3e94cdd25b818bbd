import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { CliError } from './command.ts';

// One Node process answers HTTP on one core. With WEB_WORKERS > 1, `serve` becomes a supervisor
// that runs migrations, the demo seed and background jobs itself and forks that many copies of
// this command to serve HTTP on the shared port (node:cluster hands connections round-robin).
// Their page caches stay in step through the change feed in the database.

/** WEB_WORKERS as a count: `auto` is one per core. */
export function webWorkerCount(setting: number | 'auto', cores = availableParallelism()): number {
  return setting === 'auto' ? Math.min(Math.max(1, cores), 64) : setting;
}

/** Restarts allowed within RESTART_WINDOW_MS before the supervisor gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export interface WebCluster {
  port: number;
  /** Ask every worker to finish its requests and exit; resolves when all have. */
  stop(): Promise<void>;
  /** Resolves if the cluster cannot keep running (workers keep crashing). */
  failed: Promise<Error>;
}

export function isWebWorker(): boolean {
  return cluster.isWorker;
}

/** Fork `count` web workers, restart one that dies, and resolve once all are listening. */
export function startWebCluster(count: number, log: (line: string) => void): Promise<WebCluster> {
  const listened = new WeakSet<Worker>();
  const restarts: number[] = [];
  let stopping = false;
  let port = 0;
  let reportFailure: (err: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      workers.map(
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
    let ready = 0;
    cluster.on('listening', (worker, address) => {
      if (listened.has(worker)) return;
      listened.add(worker);
      port = address.port;
      ready++;
      if (ready === count) resolve({ port, stop, failed });
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (!listened.has(worker)) {
        const err = new CliError(`a web worker stopped before serving (${how}); see its error above`);
        void stop().then(() => (ready < count ? reject(err) : reportFailure(err)));
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        const err = new CliError(`web workers keep stopping (${restarts.length} in a minute, last: ${how})`);
        void stop().then(() => reportFailure(err));
        return;
      }
      log(`a web worker stopped (${how}); starting another`);
      cluster.fork();
    });
    for (let i = 0; i < count; i++) cluster.fork();
  });
}
