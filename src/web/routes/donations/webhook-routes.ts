import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { WebhookRejected, type RailId } from '../../../adapters/payments/index.ts';
import { DomainError, UnsupportedMediaError, ValidationError } from '../../../domain/errors.ts';

const WEBHOOK_LIMIT = 1024 * 1024;

/** The providers' webhooks: the raw body, byte for byte, for the signature check. */
export function registerWebhookRoutes(app: FastifyInstance, { donations }: Services): void {
  app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    const webhook = (rail: RailId) => async (request: FastifyRequest, reply: FastifyReply) => {
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        throw new UnsupportedMediaError('webhooks are application/json');
      }
      if (!donations.railById(rail)?.parseWebhook) {
        throw new DomainError('not_found', `the ${rail} rail is not configured`);
      }
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const outcomes = await donations.handleWebhook(rail, { rawBody, headers: request.headers });
        return reply.status(200).send({
          received: outcomes.length,
          duplicates: outcomes.filter((o) => o.outcome === 'duplicate').length,
        });
      } catch (err) {
        if (err instanceof WebhookRejected) throw new ValidationError(`webhook rejected: ${err.message}`);
        throw err;
      }
    };
    hooks.post('/webhooks/stripe', webhook('stripe'));
    hooks.post('/webhooks/btcpay', webhook('btcpay'));
  });
}
