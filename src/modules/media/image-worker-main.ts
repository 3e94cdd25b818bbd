// The image worker process (see image-worker.ts): processes one upload per message and answers
// with the cleaned original and variants, or with the refusal. Exits when its parent goes.
import { DomainError } from '../../domain/errors.ts';
import type { MediaLimits } from './media-limits.ts';
import { processImage } from './process-image.ts';

interface Job {
  id: number;
  bytes: Uint8Array;
  limits: MediaLimits;
}

process.on('message', (job: Job) => {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  processImage(bytes, job.limits).then(
    (result) => process.send!({ id: job.id, result }),
    (err: unknown) =>
      process.send!({
        id: job.id,
        error:
          err instanceof DomainError
            ? { code: err.code, message: err.message, details: err.details }
            : { message: err instanceof Error ? err.message : String(err) },
      }),
  );
});
process.on('disconnect', () => process.exit(0));
