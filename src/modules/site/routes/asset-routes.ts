import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../domain/errors.ts';
import { sendCached } from '../../../web/cache/index.ts';
import type { SiteContext } from '../site-context.ts';
import { ASSET_CSP } from '../security-headers.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// An old fingerprint (a page cached before the accent colour changed) still gets the current
// file, but only briefly, so the next page view picks up the new name.
const STALE_FINGERPRINT = 'public, max-age=60';

/** `/assets/<name>.<hash>.<ext>`: the theme's files, precompressed, cached forever by name. */
export function registerAssetRoutes(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/assets/:file', async (request, reply) => {
    const file = (request.params as { file?: string }).file ?? '';
    const found = ctx.theme.assets.resolve(file);
    if (!found) throw new NotFoundError('asset', file.slice(0, 80));
    const { asset, current } = found;
    const key = `asset:${asset.name}:${asset.hash}`;
    const entry = await ctx.cache.getOrRender(key, async () => ({
      body: asset.body,
      contentType: asset.contentType,
      tags: [],
      cacheControl: IMMUTABLE,
    }));
    if (asset.contentType.startsWith('image/svg')) reply.header('Content-Security-Policy', ASSET_CSP);
    if (!current) {
      return sendCached(request, reply, { ...entry, cacheControl: STALE_FINGERPRINT });
    }
    return sendCached(request, reply, entry);
  });

  // Browsers ask for /favicon.ico whatever the page says; point them at the theme's icon.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect(ctx.theme.assets.urlOf('icon.svg'), 302));
}
