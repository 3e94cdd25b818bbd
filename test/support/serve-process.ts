import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// `samizdat serve` (or another long-running command) as its own process, for the tests of the
// supervisor and its web processes: started, read until it says it is ready, stopped.

export const SAMIZDAT_BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process ids a process has forked (Linux's /proc); none once it is gone. */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export interface ServeRun {
  child: ChildProcess;
  /** Everything it printed so far, standard output and error together. */
  readonly out: string;
  /** The site's address from its announcement ('' when none came). */
  baseUrl: string;
  /** SIGTERM, then wait for the exit (nothing to do when it has exited). */
  stop(): Promise<void>;
}

/** Runs `samizdat <args>` and waits (up to `timeoutMs`) until its output matches `ready` or it exits. */
export async function startServe(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready?: RegExp; timeoutMs?: number },
): Promise<ServeRun> {
  const child = spawn(process.execPath, [SAMIZDAT_BIN, ...args], { cwd: options.cwd, env: options.env });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const ready = options.ready ?? /share the port/;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!ready.test(out) && Date.now() < deadline && child.exitCode === null) await sleep(100);
  return {
    child,
    get out() {
      return out;
    },
    baseUrl: /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '',
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
