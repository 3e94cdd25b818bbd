import { z } from 'zod';
import { slugSchema } from '../../lib/slug.ts';

export const authorCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    slug: slugSchema.optional(),
    bio: z.string().max(5000).default(''),
    is_pen_name: z.boolean().default(false),
    /** Write-only: stored encrypted, never returned by any API or page. */
    real_name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const authorUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    slug: slugSchema.optional(),
    bio: z.string().max(5000).optional(),
    is_pen_name: z.boolean().optional(),
    real_name: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();

export type AuthorCreate = z.input<typeof authorCreateSchema>;
export type AuthorUpdate = z.input<typeof authorUpdateSchema>;

/** What anyone may see of an author. A pen name's real identity is deliberately absent. */
export interface Author {
  id: string;
  name: string;
  slug: string;
  bio: string;
  isPenName: boolean;
}
