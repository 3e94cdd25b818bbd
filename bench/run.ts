// `npm run bench`: every benchmark, one after another, printing its figures. Benchmarks prove
// speed and memory; tests never time anything. Pick some with `npm run bench -- api media`.
import { benchAdmin } from './admin.bench.ts';
import { benchApi } from './api.bench.ts';
import { benchCacheMemory } from './cache-memory.bench.ts';
import { benchCacheFlood } from './cache-flood.bench.ts';
import { benchRenders } from './renders.bench.ts';
import { benchFootprint } from './footprint.bench.ts';
import { benchDonations } from './donations.bench.ts';
import { benchJobs } from './jobs.bench.ts';
import { benchMediaVariants } from './media-variants.bench.ts';
import { benchMirror } from './mirror.bench.ts';
import { benchSearch } from './search.bench.ts';
import { benchRelated } from './related.bench.ts';
import { benchSite } from './site.bench.ts';
import { benchSiteArchive } from './site-archive.bench.ts';
import { benchUploadMemory } from './upload-memory.bench.ts';
import { benchImport } from './import.bench.ts';
import { benchNewsletter } from './newsletter.bench.ts';
import { benchSubscribers } from './subscribers.bench.ts';

const all: Record<string, () => Promise<Record<string, number>>> = {
  admin: benchAdmin,
  api: benchApi,
  'cache-memory': benchCacheMemory,
  'cache-flood': benchCacheFlood,
  renders: benchRenders,
  footprint: benchFootprint,
  donations: benchDonations,
  media: benchMediaVariants,
  mirror: benchMirror,
  jobs: benchJobs,
  search: benchSearch,
  related: benchRelated,
  site: benchSite,
  'site-archive': benchSiteArchive,
  'upload-memory': benchUploadMemory,
  import: benchImport,
  newsletter: benchNewsletter,
  subscribers: benchSubscribers,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, run] of Object.entries(all)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const started = performance.now();
  const figures = await run();
  console.log(`\n## ${name} (${Math.round((performance.now() - started) / 1000)} s)`);
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${v}`);
}
