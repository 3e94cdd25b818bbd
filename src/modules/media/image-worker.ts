import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DomainError,
  TooLargeError,
  UnsupportedMediaError,
  ValidationError,
  type ErrorDetails,
} from '../../domain/errors.ts';
import type { MediaLimits } from './media-limits.ts';
import type { ProcessedImage } from './process-image.ts';

// Images are decoded in a child process that exits once uploads stop. libvips allocates from
// many threads, and glibc keeps what they freed in per-thread arenas: after eight 50-megapixel
// uploads a web process stayed at ~800 MB for good, with the queue and sharp's cache off. Memory
// a process gives back by exiting is back for certain, so the web process keeps its baseline and
// the worker's peak lasts only as long as the burst (plus IDLE_MS).

export interface ImageWorker {
  process(bytes: Buffer, limits: MediaLimits): Promise<ProcessedImage>;
  /** Stops the worker process now (it is started again by the next upload). */
  close(): void;
  /** The worker's process id while it runs (tests and the benchmark watch it). */
  readonly pid: number | undefined;
}

interface Reply {
  id: number;
  result?: ProcessedImage;
  error?: { code?: DomainError['code']; message: string; details?: ErrorDetails };
}

// Compiled (dist-server/, see bin/compiled-server.js), this file is .js and so is its sibling: the
// child runs it as it is. From the TypeScript sources (tests, SAMIZDAT_TSX=1) it goes through tsx's
// loader, by absolute URL: the server's working directory may have no node_modules.
const COMPILED = import.meta.url.endsWith('.js');
const MAIN = fileURLToPath(new URL(`./image-worker-main.${COMPILED ? 'js' : 'ts'}`, import.meta.url));
const LOADER = COMPILED
  ? []
  : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];

/** The refusal the worker reported, as the domain error it was. */
function toError(error: NonNullable<Reply['error']>): Error {
  switch (error.code) {
    case 'too_large':
      return new TooLargeError(error.message, error.details);
    case 'unsupported_media':
      return new UnsupportedMediaError(error.message, error.details);
    case 'invalid_input':
      return new ValidationError(error.message, error.details);
    default:
      return new Error(`image processing failed: ${error.message}`);
  }
}

/** Buffers cross the process boundary as Uint8Arrays; make them Buffers again. */
const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

function revive(result: ProcessedImage): ProcessedImage {
  return {
    original: { ...result.original, data: asBuffer(result.original.data) },
    variants: result.variants.map((v) => ({ ...v, data: asBuffer(v.data) })),
  };
}

export function createImageWorker(options: { idleMs?: number } = {}): ImageWorker {
  const idleMs = options.idleMs ?? 5000;
  let child: ChildProcess | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (r: ProcessedImage) => void; reject: (e: Error) => void; child: ChildProcess }
  >();

  function stop() {
    clearTimeout(idleTimer);
    const running = child;
    child = undefined;
    if (running && running.exitCode === null) running.kill();
  }

  function start(): ChildProcess {
    const started = fork(MAIN, [], {
      execArgv: LOADER,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    started.on('message', (reply: Reply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if (reply.error) job.reject(toError(reply.error));
      else job.resolve(revive(reply.result!));
      if (pending.size === 0) idleTimer = setTimeout(stop, idleMs).unref();
    });
    started.on('exit', (code, signal) => {
      if (child === started) child = undefined;
      // Killed by the kernel (out of memory) or crashed: the uploads it held fail, the next starts
      // afresh. Only its own: a child stopped when idle can exit after its successor took work.
      for (const [id, job] of pending) {
        if (job.child !== started) continue;
        job.reject(new Error(`the image worker stopped (${signal ?? `exit ${code}`})`));
        pending.delete(id);
      }
    });
    return started;
  }

  return {
    process(bytes, limits) {
      clearTimeout(idleTimer);
      child ??= start();
      const id = nextId++;
      const running = child;
      return new Promise<ProcessedImage>((resolve, reject) => {
        pending.set(id, { resolve, reject, child: running });
        running.send({ id, bytes, limits }, (err) => {
          if (err && pending.delete(id)) reject(err);
        });
      });
    },
    close: stop,
    get pid() {
      return child?.pid;
    },
  };
}
