import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { UnsupportedMediaError, ValidationError } from '../../../domain/errors.ts';
import { mediaDetailsSchema, toPublicMedia } from '../../../modules/media/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { actorOf } from './admin-auth.ts';
import { recordChange } from './admin-audit-trail.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const TEXT_FIELDS = ['caption', 'credit', 'alt'] as const;

/** Read a multipart upload: exactly one `file` part plus optional caption, credit and alt. */
async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart())
    throw new UnsupportedMediaError('send the upload as multipart/form-data with a "file" part');
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw new ValidationError(`unexpected file part "${part.fieldname}": send one part named "file"`);
        }
        file = { bytes: await part.toBuffer(), filename: part.filename };
      } else if ((TEXT_FIELDS as readonly string[]).includes(part.fieldname)) {
        fields[part.fieldname] = String(part.value);
      } else {
        throw new ValidationError(
          `unknown field "${part.fieldname}" (allowed: file, ${TEXT_FIELDS.join(', ')})`,
        );
      }
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    const e = err as { statusCode?: number; message?: string };
    if (e.statusCode === 413) throw err;
    throw new ValidationError(`malformed multipart body: ${e.message ?? 'unreadable'}`);
  }
  if (!file || file.bytes.length === 0) throw new ValidationError('missing "file" part');
  return { file, fields };
}

export function adminMediaRoutes(services: Services): AnyApiRoute[] {
  const base = absoluteUrl(services.config.SITE_URL, '/media');
  const present = (record: Parameters<typeof toPublicMedia>[0]) => ({ media: toPublicMedia(record, base) });
  return [
    apiRoute({
      method: 'POST',
      url: '/media',
      tag: 'media',
      summary: 'Upload a photo (JPEG, PNG, WebP, GIF, AVIF); metadata such as EXIF/GPS is stripped',
      permission: 'media.write',
      successStatus: 201,
      rawBody: {
        contentType: 'multipart/form-data',
        schema: {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary' },
            caption: { type: 'string', maxLength: 1000 },
            credit: { type: 'string', maxLength: 300 },
            alt: { type: 'string', maxLength: 1000 },
          },
        },
      },
      async handler(_input, request) {
        const { file, fields } = await readUpload(request);
        const record = await services.media.upload({ bytes: file.bytes, filename: file.filename, ...fields });
        await recordChange(services, request, {
          action: 'media.upload',
          objectType: 'media',
          objectId: record.id,
          summary: `uploaded a ${record.mime} image, ${record.width}×${record.height}`,
        });
        return present(record);
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/media',
      tag: 'media',
      summary: 'Uploaded media, newest first',
      permission: 'media.write',
      query: z.object({
        page: z.coerce.number().int().min(1).max(100_000).default(1),
        limit: z.coerce.number().int().min(1).max(100).default(30),
      }),
      async handler({ query }) {
        const page = await services.media.list({
          limit: query.limit,
          offset: (query.page - 1) * query.limit,
        });
        return { media: page.items.map((m) => toPublicMedia(m, base)), meta: { total: page.total } };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/media/:id',
      tag: 'media',
      summary: 'One media item',
      permission: 'media.write',
      params: idParams,
      handler: async ({ params }) => present(await services.media.get(params.id)),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/media/:id',
      tag: 'media',
      summary: 'Change caption, credit or alt text (a photo in a live article needs the right to edit it)',
      params: idParams,
      // The media module's own schema: what the route accepts is exactly what the service takes.
      body: mediaDetailsSchema,
      async handler({ params, body }, request) {
        const record = await services.media.updateDetails(actorOf(request), params.id, body);
        await recordChange(services, request, {
          action: 'media.update',
          objectType: 'media',
          objectId: params.id,
          summary: `edited a photo (${Object.keys(body).join(', ')})`,
        });
        return present(record);
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/media/:id',
      tag: 'media',
      summary: 'Delete a media item and its files (a photo in a live article needs the right to edit it)',
      params: idParams,
      handler: async ({ params }, request) => {
        await services.media.delete(actorOf(request), params.id);
        await recordChange(services, request, {
          action: 'media.delete',
          objectType: 'media',
          objectId: params.id,
          summary: 'deleted a photo',
        });
        return undefined;
      },
    }),
  ];
}
