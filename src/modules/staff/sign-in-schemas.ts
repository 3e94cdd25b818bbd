import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './password-policy.ts';
import { emailSchema, staffLanguageSchema, staffNameSchema } from './staff-store.ts';

// The request bodies of sign-in and one's own account: parsed by the operations, described in the
// routes' OpenAPI document.
export const tokenSchema = z.string().min(1).max(200);
export const passwordSchema = z
  .string()
  .min(1)
  .max(MAX_PASSWORD_LENGTH * 4);

export const setupSchema = z
  .object({
    token: tokenSchema,
    name: staffNameSchema,
    email: emailSchema,
    password: passwordSchema,
    language: staffLanguageSchema.default('en'),
  })
  .strict();
export const acceptSchema = z
  .object({
    token: tokenSchema,
    name: staffNameSchema,
    password: passwordSchema,
    language: staffLanguageSchema.default('en'),
  })
  .strict();
export const signInSchema = z
  .object({ email: z.string().max(320), password: z.string().max(MAX_PASSWORD_LENGTH * 4) })
  .strict();
export const codeSchema = z.object({ code: z.string().max(20) }).strict();
export const secondFactorSchema = z.union([
  z.object({ code: z.string().max(20) }).strict(),
  z.object({ recovery_code: z.string().max(64) }).strict(),
]);
export const resetRequestSchema = z.object({ email: emailSchema }).strict();
export const resetCompleteSchema = z.object({ token: tokenSchema, password: passwordSchema }).strict();
export const meSchema = z
  .object({ name: staffNameSchema.optional(), language: staffLanguageSchema.optional() })
  .strict();
export const changePasswordSchema = z
  .object({ current_password: z.string().max(1024), password: passwordSchema })
  .strict();

/** The request bodies, for the routes' OpenAPI description (the operations parse them too). */
export const signInSchemas = {
  setup: setupSchema,
  accept: acceptSchema,
  signIn: signInSchema,
  code: codeSchema,
  secondFactor: secondFactorSchema,
  resetRequest: resetRequestSchema,
  resetComplete: resetCompleteSchema,
  me: meSchema,
  changePassword: changePasswordSchema,
};
