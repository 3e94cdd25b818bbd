import { Cron } from 'croner';
import { z } from 'zod';

/** A five-field cron (minute hour day-of-month month day-of-week), or why it is not one. */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return 'a schedule has five fields: minute hour day-of-month month day-of-week';
  try {
    new Cron(cron, { paused: true, timezone: 'UTC' }).nextRun();
    return undefined;
  } catch (error) {
    return `not a schedule: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const slug = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');
const line = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'no control characters');
const cron = z
  .string()
  .max(100)
  .superRefine((value, ctx) => {
    const problem = cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const listCreateSchema = z
  .object({
    slug,
    name: line(120).pipe(z.string().min(1)),
    description: line(500).default(''),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/)
      .nullable()
      .default(null),
    kind: z.enum(['digest', 'breaking']).default('digest'),
    schedule_cron: cron.nullable().optional(),
    signup_wording: line(300).default(''),
    is_default: z.boolean().default(false),
  })
  .strict();

export const listPatchSchema = z
  .object({
    name: line(120).pipe(z.string().min(1)),
    description: line(500),
    signup_wording: line(300),
    schedule_cron: cron.nullable(),
    position: z.number().int().min(0).max(10_000),
    is_default: z.literal(true),
  })
  .partial()
  .strict();

export type ListCreate = z.output<typeof listCreateSchema>;
export type ListPatch = z.output<typeof listPatchSchema>;
