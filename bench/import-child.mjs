// Child of import.bench.ts: one import, in a process that runs the way `samizdat import` does
// (the compiled JavaScript in dist-server/, no loader, V8 flags of bin/samizdat.js), so its memory
// is the import's and not the generator's or the bench's. Prints one JSON line of figures: posts,
// seconds, CPU seconds, RSS at 10%, 50% and 100% of the posts, peak RSS (the kernel's high-water
// mark, VmHWM) and the 1-minute load average at the end.
// Usage: node --max-semi-space-size=1 --optimize-for-size bench/import-child.mjs <db url> <schema or ""> <export.xml> <posts>
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { compiledEntry, OUT_DIR } from '../bin/compiled-server.js';

compiledEntry();
const load = (path) => import(`file://${OUT_DIR}/${path}`);
const { connect } = await load('db/connect.js');
const { loadConfig } = await load('config/load-config.js');
const { createServices } = await load('web/services.js');
const { importArchive } = await load('cli/commands/import.js');

const [url, schema, file, postsArg] = process.argv.slice(2);
const posts = Number(postsArg);
const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
const statusMB = (field) => {
  const line = readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return line ? Math.round((Number(line[1]) / 1024) * 10) / 10 : null;
};

const db = await connect(schema ? { url, schema } : { url });
const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-import-child-'));
const config = loadConfig({
  env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
  cwd: dataDir,
});
const services = await createServices(config, { db, changeFeed: false });
const figures = { 'RSS MB before': mb(process.memoryUsage().rss) };
const checkpoints = new Map([0.1, 0.5, 1].map((f) => [Math.max(1, Math.round(posts * f)), f]));
const trace = process.env.IMPORT_BENCH_TRACE ? Math.max(1, Math.round(posts / 20)) : 0;
const onProgress = (done) => {
  const f = checkpoints.get(done);
  if (f !== undefined) figures[`RSS MB at ${f * 100}%`] = mb(process.memoryUsage().rss);
  if (trace && done % trace === 0) {
    const m = process.memoryUsage();
    process.stderr.write(
      `${done}: rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} buffers ${mb(m.arrayBuffers)} peak ${statusMB('VmHWM')}\n`,
    );
  }
};
const quiet = new Writable({ write: (_c, _e, done) => done() });
const started = performance.now();
const cpuBefore = process.cpuUsage();
const { report } = await importArchive(
  services,
  { platform: 'wordpress', path: file, reportFile: join(dataDir, 'report.json'), onProgress },
  quiet,
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
Object.assign(figures, {
  imported: report.articles.imported,
  failed: report.articles.failed,
  firstError: report.errors[0]?.message ?? null,
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  'peak RSS MB': statusMB('VmHWM'),
  'load 1 min at end': Math.round(loadavg()[0] * 10) / 10,
});
await services.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify(figures));
