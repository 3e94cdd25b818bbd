import { z } from 'zod';
import { slugSchema } from '../../lib/slug.ts';

export const tagCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    slug: slugSchema.optional(),
    description: z.string().max(2000).default(''),
    /** A section is a tag shown in the site navigation. */
    is_section: z.boolean().default(false),
    nav_order: z.number().int().min(0).max(1000).nullable().default(null),
  })
  .strict();

export const tagUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    slug: slugSchema.optional(),
    description: z.string().max(2000).optional(),
    is_section: z.boolean().optional(),
    nav_order: z.number().int().min(0).max(1000).nullable().optional(),
  })
  .strict();

export interface Tag {
  id: string;
  name: string;
  slug: string;
  description: string;
  isSection: boolean;
  navOrder: number | null;
}
