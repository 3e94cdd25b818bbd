// Memory under an upload burst: eight 50-megapixel photos sent at once through the Admin API to
// `samizdat serve` (one web process, in its own process, over SQLite). Prints the web process's
// resident memory before the burst, its peak (the kernel's high-water mark, VmHWM) and after
// it (2 s and 15 s later), and the same for the web process plus its image worker (which decodes
// the uploads and exits 5 s after the last), with the default IMAGE_CONCURRENCY (1) and, for
// comparison, with every upload decoded at once (IMAGE_CONCURRENCY=8).
// BENCH_UPLOAD_CONCURRENCY picks other settings (e.g. "1,2"). Run alone with
// `npx tsx bench/upload-memory.bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { photoPixels } from '../test/support/image-fixtures.ts';
import { round } from './support.ts';
import { rssMB, startServerProcess, treeRssMB } from './wrk.ts';

const UPLOADS = 8;
// 8192 x 6100 = 49.97 megapixels, just under the default MAX_IMAGE_MEGAPIXELS of 50.
const WIDTH = 8192;
const HEIGHT = 6100;
const SETTINGS = (process.env.BENCH_UPLOAD_CONCURRENCY ?? '1,8').split(',').map(Number);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.error(`[upload-memory] ${line}`);

async function burst(concurrency: number, photo: Buffer): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-upload-'));
  try {
    const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd: dataDir });
    const services = await createServices(config, { changeFeed: false });
    const { key } = await services.apiKeys.create({ name: 'bench', role: 'owner' });
    await services.close();

    const server = await startServerProcess(dataDir, {
      WEB_WORKERS: '1',
      IMAGE_CONCURRENCY: String(concurrency),
    });
    try {
      const upload = async (bytes: Buffer) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
        const res = await fetch(`${server.baseUrl}/api/admin/v1/media`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: form,
        });
        if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      };
      await sleep(1000);
      const boot = rssMB(server.pid);
      // One small upload first, so sharp and its libraries are loaded before "before" is read.
      await upload(await (await photoPixels(1200, 800)).jpeg().toBuffer());
      await sleep(2000);
      const before = rssMB(server.pid);
      const hwmBefore = rssMB(server.pid, 'VmHWM');
      log(`IMAGE_CONCURRENCY=${concurrency}: ${round(before)} MB resident before the burst`);

      let sampledPeak = before;
      let treePeak = treeRssMB(server.pid);
      const sampler = setInterval(() => {
        sampledPeak = Math.max(sampledPeak, rssMB(server.pid));
        treePeak = Math.max(treePeak, treeRssMB(server.pid));
      }, 50);
      const started = performance.now();
      await Promise.all(Array.from({ length: UPLOADS }, () => upload(photo)));
      const burstSeconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const peak = Math.max(sampledPeak, rssMB(server.pid, 'VmHWM'));
      await sleep(2000);
      const after2s = rssMB(server.pid);
      const treeAfter2s = treeRssMB(server.pid);
      await sleep(13_000);
      const after15s = rssMB(server.pid);
      const treeAfter15s = treeRssMB(server.pid);
      log(
        `IMAGE_CONCURRENCY=${concurrency}: peak ${round(peak)} MB, ${round(after2s)} MB 2 s after, ` +
          `${round(after15s)} MB 15 s after; with the image worker: peak ${round(treePeak)} MB, ` +
          `${round(treeAfter2s)} MB 2 s after, ${round(treeAfter15s)} MB 15 s after; ` +
          `burst took ${round(burstSeconds)} s`,
      );
      const tag = `concurrency${concurrency}`;
      return {
        [`${tag}RssAtBootMB`]: round(boot),
        [`${tag}RssBeforeMB`]: round(before),
        [`${tag}HighWaterBeforeMB`]: round(hwmBefore),
        [`${tag}RssPeakMB`]: round(peak),
        [`${tag}RssAfter2sMB`]: round(after2s),
        [`${tag}RssAfter15sMB`]: round(after15s),
        [`${tag}WithWorkerPeakMB`]: round(treePeak),
        [`${tag}WithWorkerAfter2sMB`]: round(treeAfter2s),
        [`${tag}WithWorkerAfter15sMB`]: round(treeAfter15s),
        [`${tag}BurstSeconds`]: round(burstSeconds),
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchUploadMemory(): Promise<Record<string, number>> {
  const photo = await (await photoPixels(WIDTH, HEIGHT)).jpeg({ quality: 90 }).toBuffer();
  const out: Record<string, number> = {
    uploads: UPLOADS,
    megapixelsEach: round((WIDTH * HEIGHT) / 1e6, 2),
    uploadMBEach: round(photo.length / 1024 / 1024),
  };
  for (const concurrency of SETTINGS) Object.assign(out, await burst(concurrency, photo));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchUploadMemory(), null, 2));
}
