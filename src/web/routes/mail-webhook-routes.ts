import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../container.ts';
import {
  GENERIC_SIGNATURE_HEADER,
  MailEventRejected,
  parseGenericWebhook,
  sesEvents,
  type MailEvent,
} from '../../adapters/mail/index.ts';
import { DomainError, UnauthenticatedError, ValidationError } from '../../domain/errors.ts';

const WEBHOOK_LIMIT = 512 * 1024;

/** A refusal in the error shape: a bad or missing signature is 401, a body we cannot read 400. */
function refusal(err: MailEventRejected): DomainError {
  return err.reason === 'malformed'
    ? new ValidationError(`mail webhook rejected: ${err.message}`)
    : new UnauthenticatedError(`mail webhook rejected: ${err.message}`);
}

/**
 * Bounces and complaints from the mail relay (issue 11): `POST /webhooks/mail/generic` (our
 * documented JSON, HMAC-signed) and `POST /webhooks/mail/ses` (Amazon SES through SNS, whose
 * signature and certificate host are checked). The routes verify and parse with the mail
 * adapter and hand the events to the subscribers module; replays answer 200 and change nothing.
 */
export function registerMailWebhookRoutes(app: FastifyInstance, services: Services): void {
  // The raw body, byte for byte, for the signature; SNS sends JSON as text/plain.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  const rawBody = (request: FastifyRequest) =>
    Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

  const take = async (events: MailEvent[]) => {
    const outcomes = await services.subscribers.mailEvents.take(events);
    return {
      received: outcomes.length,
      duplicates: outcomes.filter((o) => o === 'duplicate').length,
    };
  };

  app.post('/webhooks/mail/generic', async (request, reply) => {
    let event: MailEvent;
    try {
      const signature = request.headers[GENERIC_SIGNATURE_HEADER];
      event = parseGenericWebhook(
        services.config.MAIL_WEBHOOK_SECRET,
        rawBody(request),
        typeof signature === 'string' ? signature : undefined,
      );
    } catch (err) {
      throw err instanceof MailEventRejected ? refusal(err) : err;
    }
    return reply.status(200).send(await take([event]));
  });

  app.post('/webhooks/mail/ses', async (request, reply) => {
    try {
      const envelope = await services.snsVerifier.verify(rawBody(request));
      if (envelope.Type === 'SubscriptionConfirmation') {
        await services.snsVerifier.confirm(envelope);
        return reply.status(200).send({ confirmed: true });
      }
      if (envelope.Type === 'UnsubscribeConfirmation')
        return reply.status(200).send({ received: 0, duplicates: 0 });
      return reply.status(200).send(await take(sesEvents(envelope.MessageId, envelope.Message)));
    } catch (err) {
      throw err instanceof MailEventRejected ? refusal(err) : err;
    }
  });
}
