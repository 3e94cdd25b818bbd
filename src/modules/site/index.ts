import type { FastifyInstance } from 'fastify';
import type { Services } from '../../container.ts';

/** The public site. Placeholder until the theme engine lands: a plain list of the latest articles. */
export async function createSite(services: Services) {
  return {
    register(app: FastifyInstance) {
      app.get('/', async (_request, reply) => {
        const page = await services.articles.list({ limit: 20 }, { status: 'published' });
        const items = page.items.map((a) => `<li><a href="/articles/${a.slug}">${a.title.replace(/</g, '&lt;')}</a></li>`);
        reply.type('text/html; charset=utf-8');
        return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${services.publicationName()}</title><ul>${items.join('')}</ul></html>`;
      });
    },
  };
}
