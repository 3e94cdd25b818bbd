import { resolve } from 'node:path';
import { CliError, type Command } from '../command.ts';
import { boot } from '../boot.ts';

const USAGE = `Usage: samizdat mirror export DIR [--full] [--base-url URL] [--hook]

Writes the whole public site into DIR as static files (pages, translations, listings, archives,
feeds, sitemaps, robots.txt, the stylesheet and every image variant) that work from any origin
and sub-path: serve DIR with nginx, copy it to a bucket, add it to IPFS.

The second export into the same DIR re-renders only what changed since the first, and prints
how many files were written, left unchanged and deleted.

Options:
  --full          render everything again (also done when Samizdat, the theme, settings,
                  sections or media changed, or the last export is too old to compare)
  --base-url URL  the mirror's public URL, for absolute links in its feeds, sitemaps and
                  robots.txt (default MIRROR_BASE_URL; without it they are relative)
  --hook          run MIRROR_HOOK afterwards, as the MIRROR_DIR job does

Needs an existing site; it reads the database and never changes it.`;

export const mirrorCommand: Command = {
  name: 'mirror',
  summary: 'Export the public site as a static mirror (samizdat mirror export DIR)',
  usage: USAGE,
  options: {
    full: { type: 'boolean' },
    'base-url': { type: 'string' },
    hook: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    const [sub, target, ...extra] = positionals;
    if (sub !== 'export' || !target || extra.length > 0) throw new CliError(USAGE, 2);
    const baseUrlText = typeof values['base-url'] === 'string' ? values['base-url'] : undefined;
    if (baseUrlText !== undefined && !/^https?:\/\/[^/]/.test(baseUrlText)) {
      throw new CliError('--base-url must be an absolute http(s) URL such as https://mirror.example/news', 2);
    }
    const services = await boot({ changeFeed: false });
    const { exportMirror, MirrorError } = await import('../../web/mirror/index.ts');
    const { runHook } = await import('../../modules/mirrors/index.ts');
    const dir = resolve(target);
    const baseUrl = baseUrlText ?? services.config.MIRROR_BASE_URL;
    try {
      const started = performance.now();
      const result = await exportMirror(services, {
        dir,
        ...(values.full ? { full: true } : {}),
        ...(baseUrl ? { baseUrl } : {}),
      }).catch((err: unknown) => {
        if (err instanceof MirrorError) throw new CliError(err.message);
        throw err;
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `${result.mode === 'full' ? `Full export (${result.reason})` : 'Incremental export'} to ${dir} in ${seconds} s: ` +
          `${result.written} written, ${result.unchanged} unchanged, ${result.deleted} deleted; ${result.files} files.`,
      );
      if (result.broken.length > 0) {
        console.error(`${result.broken.length} internal links lead nowhere (not mirrored):`);
        for (const path of result.broken.slice(0, 20)) console.error(`  ${path}`);
      }
      if (values.hook && services.config.MIRROR_HOOK) {
        const hook = await runHook(services.config.MIRROR_HOOK, {
          dir,
          timeoutS: services.config.MIRROR_HOOK_TIMEOUT_S,
        });
        if (hook.output) console.log(hook.output);
        if (!hook.ok) throw new CliError(`MIRROR_HOOK ${hook.summary}`);
        console.log('MIRROR_HOOK finished.');
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};
