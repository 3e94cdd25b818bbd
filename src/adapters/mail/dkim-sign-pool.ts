// RSA signatures for DKIM made in worker threads, so the thread that writes messages to the SMTP
// connections, reads the database and composes does not spend a quarter of a millisecond per
// message on one RSA-2048 signature. Each worker has at most one batch on its way: requests go
// to an idle worker at the end of the event loop's turn, or, when every worker is busy, wait and
// go together to the first one that answers (a message to a thread and back costs about as much
// as a signature, so one per signature would give back most of the gain). Replies come back in
// the order asked. There is no queue limit of our own: the callers (at most MAIL_CONCURRENCY
// messages in flight) are the backpressure.
//
// The workers start with the first signature, hold the process open only while signatures are
// outstanding, and end after `idleMs` without work (a web process that mailed one invite does
// not keep a thread and its heap for good); close() ends them. A worker that dies fails its outstanding signatures and is
// replaced by the next request.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated as the worker's module: no loader or compiled sibling file to find.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, sign } = require('node:crypto');
const keys = workerData.keys.map((pem) => createPrivateKey(pem));
parentPort.on('message', ({ id, items }) => {
  const signatures = items.map(([key, data]) => sign('sha256', Buffer.from(data, 'utf8'), keys[key]).toString('base64'));
  parentPort.postMessage({ id, signatures });
});
`;

export interface DkimSignPool {
  /**
   * The PKCS#1 v1.5 SHA-256 signature (base64) of `data` (UTF-8) with the RSA key `pem`, one of
   * the pool's keys. Strings both ways: a Buffer is cloned with the whole 8 KB slab it was cut
   * from, which cost as much as the signature itself.
   */
  sign(pem: string, data: string): Promise<string>;
  /** Ends the workers; outstanding signatures fail. */
  close(): void;
  /** Worker threads running now. */
  readonly running: number;
}

interface Pending {
  resolve: (signature: string) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  /** Batches sent and not answered, by id, in order. */
  batches: Map<number, Pending[]>;
  outstanding: number;
  idle?: NodeJS.Timeout;
}

/**
 * Worker threads for `pems` (PEM RSA keys): `threads` of them, default one per core but one,
 * each ended after `idleMs` (default 30 s) without work.
 */
export function createDkimSignPool(pems: readonly string[], threads?: number, idleMs = 30_000): DkimSignPool {
  const size = Math.max(1, threads ?? availableParallelism() - 1);
  const keyIndex = new Map(pems.map((pem, i) => [pem, i]));
  const pool: Array<Thread | undefined> = Array.from({ length: size }, () => undefined);
  let waiting: Array<{ key: number; data: string; pending: Pending }> = [];
  let flushing = false;
  let nextId = 1;
  let closed = false;

  const start = (slot: number): Thread => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { keys: [...pems] } });
    const thread: Thread = { worker, batches: new Map(), outstanding: 0 };
    worker.on('message', ({ id, signatures }: { id: number; signatures: string[] }) => {
      const batch = thread.batches.get(id);
      if (!batch) return;
      thread.batches.delete(id);
      thread.outstanding -= batch.length;
      batch.forEach((p, i) => p.resolve(signatures[i]!));
      if (waiting.length > 0) flush();
      if (thread.outstanding === 0) {
        worker.unref();
        thread.idle = setTimeout(() => {
          if (pool[slot] === thread) pool[slot] = undefined;
          void worker.terminate();
        }, idleMs);
        thread.idle.unref();
      }
    });
    const die = (error: unknown) => {
      clearTimeout(thread.idle);
      if (pool[slot] === thread) pool[slot] = undefined;
      for (const batch of thread.batches.values()) for (const p of batch) p.reject(error);
      thread.batches.clear();
      thread.outstanding = 0;
      if (waiting.length > 0 && !closed) schedule();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`a DKIM signing thread stopped (exit code ${code})`)));
    worker.unref();
    pool[slot] = thread;
    return thread;
  };

  const flush = () => {
    flushing = false;
    if (closed || waiting.length === 0) return;
    // An idle worker (or a slot whose worker is not started yet); none: the next reply sends them.
    const slot = pool.findIndex((t) => t === undefined || t.outstanding === 0);
    if (slot < 0) return;
    const thread = pool[slot] ?? start(slot);
    const items = waiting;
    waiting = [];
    const id = nextId++;
    thread.batches.set(
      id,
      items.map((item) => item.pending),
    );
    clearTimeout(thread.idle);
    thread.worker.ref();
    thread.outstanding += items.length;
    thread.worker.postMessage({ id, items: items.map((item) => [item.key, item.data]) });
  };
  const schedule = () => {
    if (flushing) return;
    flushing = true;
    setImmediate(flush);
  };

  return {
    get running() {
      return pool.filter((t) => t !== undefined).length;
    },
    sign(pem, data) {
      const key = keyIndex.get(pem);
      if (key === undefined) return Promise.reject(new Error('this key is not one of the signing pool'));
      if (closed) return Promise.reject(new Error('the DKIM signing pool is closed'));
      return new Promise<string>((resolve, reject) => {
        waiting.push({ key, data, pending: { resolve, reject } });
        schedule();
      });
    },
    close() {
      closed = true;
      const error = new Error('the DKIM signing pool is closed');
      for (const item of waiting.splice(0)) item.pending.reject(error);
      for (const thread of pool) void thread?.worker.terminate();
    },
  };
}
