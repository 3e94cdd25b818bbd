// RSA signatures for DKIM made in worker threads, so the thread that writes messages to the SMTP
// connections, reads the database and composes does not spend a quarter of a millisecond per
// message on one RSA-2048 signature. Requests made in one turn of the event loop go to a worker
// as one batch (one message each way, not one per signature), to the worker with the fewest
// signatures outstanding; replies come back in the order asked. There is no queue of our own:
// the callers (at most MAIL_CONCURRENCY messages in flight) are the backpressure.
//
// The workers start with the first signature and hold the process open only while signatures are
// outstanding; close() ends them. A worker that dies fails its outstanding signatures and is
// replaced by the next request.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated as the worker's module: no loader or compiled sibling file to find.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, sign } = require('node:crypto');
const keys = workerData.keys.map((pem) => createPrivateKey(pem));
parentPort.on('message', ({ id, items }) => {
  const signatures = items.map(([key, data]) => sign('sha256', data, keys[key]));
  parentPort.postMessage({ id, signatures });
});
`;

export interface DkimSignPool {
  /** The PKCS#1 v1.5 SHA-256 signature of `data` with the RSA key `pem` (one of the pool's keys). */
  sign(pem: string, data: Buffer): Promise<Buffer>;
  /** Ends the workers; outstanding signatures fail. */
  close(): void;
}

interface Pending {
  resolve: (signature: Buffer) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  /** Batches sent and not answered, by id, in order. */
  batches: Map<number, Pending[]>;
  outstanding: number;
}

/** Worker threads for `pems` (PEM RSA keys): `threads` of them, default one per core but one. */
export function createDkimSignPool(pems: readonly string[], threads?: number): DkimSignPool {
  const size = Math.max(1, threads ?? availableParallelism() - 1);
  const keyIndex = new Map(pems.map((pem, i) => [pem, i]));
  const pool: Array<Thread | undefined> = Array.from({ length: size }, () => undefined);
  let waiting: Array<{ key: number; data: Buffer; pending: Pending }> = [];
  let flushing = false;
  let nextId = 1;
  let closed = false;

  const start = (slot: number): Thread => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { keys: [...pems] } });
    const thread: Thread = { worker, batches: new Map(), outstanding: 0 };
    worker.on('message', ({ id, signatures }: { id: number; signatures: Uint8Array[] }) => {
      const batch = thread.batches.get(id);
      if (!batch) return;
      thread.batches.delete(id);
      thread.outstanding -= batch.length;
      batch.forEach((p, i) => {
        const s = signatures[i]!;
        p.resolve(Buffer.from(s.buffer, s.byteOffset, s.byteLength));
      });
      if (thread.outstanding === 0) worker.unref();
    });
    const die = (error: unknown) => {
      if (pool[slot] === thread) pool[slot] = undefined;
      for (const batch of thread.batches.values()) for (const p of batch) p.reject(error);
      thread.batches.clear();
      thread.outstanding = 0;
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`a DKIM signing thread stopped (exit code ${code})`)));
    worker.unref();
    pool[slot] = thread;
    return thread;
  };

  const flush = () => {
    flushing = false;
    if (closed) return;
    const items = waiting;
    waiting = [];
    if (items.length === 0) return;
    let best = 0;
    for (let i = 1; i < size; i++) {
      if ((pool[i]?.outstanding ?? 0) < (pool[best]?.outstanding ?? 0)) best = i;
    }
    const thread = pool[best] ?? start(best);
    const id = nextId++;
    thread.batches.set(
      id,
      items.map((item) => item.pending),
    );
    if (thread.outstanding === 0) thread.worker.ref();
    thread.outstanding += items.length;
    thread.worker.postMessage({ id, items: items.map((item) => [item.key, item.data]) });
  };

  return {
    sign(pem, data) {
      const key = keyIndex.get(pem);
      if (key === undefined) return Promise.reject(new Error('this key is not one of the signing pool'));
      if (closed) return Promise.reject(new Error('the DKIM signing pool is closed'));
      return new Promise<Buffer>((resolve, reject) => {
        waiting.push({ key, data, pending: { resolve, reject } });
        if (!flushing) {
          flushing = true;
          setImmediate(flush);
        }
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
