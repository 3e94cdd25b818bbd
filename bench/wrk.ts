// Load tools for the site benchmarks: wrk and its output parser; Samizdat in a child process, so
// the benchmark's own process never competes with the measured server for the cores; and the
// references it is compared with (nginx serving saved responses, bare node:http doing the same,
// nginx caching in front of Samizdat). Everything binds to 127.0.0.1, every wait is bounded in
// time, and each child is stopped by its own handle.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const SKIPPED_LOAD_TOOLS = 'skipped: install wrk/nginx (apt-get install wrk nginx-light)';

/** The absolute path of an executable, looked up in PATH and the sbin directories, or undefined. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export interface WrkOptions {
  threads?: number;
  connections?: number;
  durationSeconds?: number;
  headers?: Record<string, string>;
}

export interface WrkResult {
  requestsPerSec: number;
  latencyAvgMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  /** Responses with status 400 and above (wrk's "Non-2xx or 3xx responses"). */
  non2xx: number;
  /** Socket errors of every kind: connect, read, write, timeout. */
  errors: number;
  transferMBPerSec: number;
}

const TIME_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS_MB: Record<string, number> = {
  B: 1 / 1024 / 1024,
  KB: 1 / 1024,
  MB: 1,
  GB: 1024,
  TB: 1024 * 1024,
};

function ms(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text ?? '');
  return match ? Number(match[1]) * TIME_UNITS_MS[match[2]!]! : NaN;
}

/** Reads the figures out of `wrk --latency` output. */
export function parseWrk(output: string): WrkResult {
  const latency = /^\s*Latency\s+(\S+)\s+\S+\s+(\S+)/m.exec(output);
  const percentile = (p: string) => ms(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(output)?.[1]);
  const requests = /^\s*(\d+) requests in/m.exec(output);
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const transfer = /^Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB|TB)/m.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (!latency || !rate || !requests) throw new Error(`cannot read wrk's output:\n${output}`);
  return {
    requestsPerSec: Number(rate[1]),
    latencyAvgMs: ms(latency[1]),
    latencyP50Ms: percentile('50'),
    latencyP99Ms: percentile('99'),
    latencyMaxMs: ms(latency[2]),
    requests: Number(requests[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    transferMBPerSec: transfer ? Number(transfer[1]) * SIZE_UNITS_MB[transfer[2]!]! : NaN,
  };
}

/** One wrk run with `--latency`; killed if it overruns its duration by 30 s. */
export async function runWrk(url: string, options: WrkOptions = {}): Promise<WrkResult> {
  const wrk = findExecutable('wrk');
  if (!wrk) throw new Error(SKIPPED_LOAD_TOOLS);
  const duration = options.durationSeconds ?? 10;
  const args = [
    `-t${options.threads ?? 2}`,
    `-c${options.connections ?? 50}`,
    `-d${duration}s`,
    '--timeout',
    '5s',
    '--latency',
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push(url);
  const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), (duration + 30) * 1000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(killer);
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${out}`);
  return parseWrk(out);
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** As sent on the wire (still compressed). */
  body: Buffer;
  ms: number;
}

/** A GET that keeps the body as sent (no decompression) and times the whole exchange. */
export function rawGet(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
      res.on('error', fail);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end();
  });
}

/** The server's resident memory in MB, from /proc (Linux), or NaN elsewhere. */
export function rssMB(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return kb ? Number(kb[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process and all its descendants (a supervisor and its web workers), in MB. */
export function treeRssMB(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  if (pid === undefined) return NaN;
  let total = rssMB(pid, field);
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // no /proc children list: the process alone
  }
  for (const child of children) total += treeRssMB(child, field);
  return total;
}

/** The 1-, 5- and 15-minute load averages, as `uptime` prints them. */
export function loadAverages(): [number, number, number] {
  try {
    const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
    return [one ?? NaN, five ?? NaN, fifteen ?? NaN];
  } catch {
    return [NaN, NaN, NaN];
  }
}

export async function stop(child: ChildProcess, name: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const gone = await Promise.race([closed.then(() => true), sleep(10_000).then(() => false)]);
  if (!gone) {
    console.error(`${name} did not stop within 10 s; killing it`);
    child.kill('SIGKILL');
    await closed;
  }
}

export async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  log: () => string,
  ms: number,
  ok = (status: number) => status < 500,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await rawGet(url, {}, 2000);
      if (ok(res.status)) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${url} within ${ms / 1000} s:\n${log()}`);
}

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * `samizdat serve --no-worker` in its own process, as an operator runs it, on a free port of
 * 127.0.0.1 over the SQLite database in `dataDir`. No background jobs, so nothing but requests
 * uses the server's CPU while it is measured.
 */
/**
 * The Node flags and environment of bin/samizdat.js's first line, as when an operator runs
 * `samizdat serve`.
 */
export function samizdatStartSettings(): { flags: string[]; env: Record<string, string> } {
  const root = resolve(import.meta.dirname, '..');
  const shebang = readFileSync(join(root, 'bin/samizdat.js'), 'utf8').split('\n')[0]!.split(/\s+/);
  return {
    flags: shebang.filter((word) => word.startsWith('--')),
    env: Object.fromEntries(
      shebang.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.split('=') as [string, string]),
    ),
  };
}

export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  bootTimeoutMs = 180_000,
  /** What to run: HTTP only unless asked (`['serve']` runs the background jobs too). */
  args: string[] = ['serve', '--no-worker'],
): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const root = resolve(import.meta.dirname, '..');
  const { flags, env: shebangEnv } = samizdatStartSettings();
  const child = spawn(process.execPath, [...flags, join(root, 'bin/samizdat.js'), ...args], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...shebangEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      SITE_URL: baseUrl,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SEED_DEMO: 'never',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: string) => (output = (output + chunk).slice(-20_000));
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  try {
    await waitUntilAnswering(`${baseUrl}/healthz`, child, () => output, bootTimeoutMs);
    // With several web workers the first answers before the rest listen; the line comes after all.
    const deadline = Date.now() + bootTimeoutMs;
    while (!output.includes('Samizdat is serving')) {
      if (Date.now() > deadline) throw new Error(`samizdat did not announce itself:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (err) {
    await stop(child, 'samizdat');
    throw err;
  }
  return { pid: child.pid!, baseUrl, stop: () => stop(child, 'samizdat') };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
