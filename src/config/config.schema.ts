import { isIP } from 'node:net';
import { z } from 'zod';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => v === '' || /^postgres(ql)?:\/\/[^\s]+$/i.test(v), {
    message: 'must be empty (embedded SQLite in DATA_DIR) or a postgres:// connection URL',
  })
  .refine((v) => v === '' || URL.canParse(v), { message: 'is not a parseable URL' });

/**
 * Every setting Samizdat reads, with its default. Values arrive as strings (environment) or
 * JSON values (samizdat.config.json); the schema validates them and never silently repairs them.
 */
export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    SITE_URL: z
      .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://news.example' })
      .optional(),
    DATABASE_URL: databaseUrl.default(''),
    SECRET_KEY_FILE: z.string().optional(),
    PUBLICATION_NAME: z.string().min(1).max(200).optional(),
    TIMEZONE: z
      .string()
      .refine(isTimeZone, { message: 'is not an IANA time zone such as Europe/Riga' })
      .default('UTC'),
    DEFAULT_LANGUAGE: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language code such as en or ru' })
      .default('en'),
    THEME_DIR: z.string().optional(),
    ONION_ADDRESS: z
      .string()
      .regex(/^https?:\/\/[a-z2-7]{56}\.onion\/?$/, {
        message: 'must be a v3 onion URL (http://<56 chars>.onion)',
      })
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_UPLOAD_MB: z.coerce.number().positive().max(200).default(25),
    /** Memory for rendered public responses per web process; the least recently used go first. */
    PAGE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
    /** A folder kept as a static mirror of the public site, re-exported after every change. */
    MIRROR_DIR: z.string().default(''),
    /** The mirror's public URL, for absolute links in its feeds, sitemaps and robots.txt. */
    MIRROR_BASE_URL: z
      .url({
        protocol: /^https?$/,
        message: 'must be an absolute http(s) URL such as https://mirror.example/news',
      })
      .optional(),
    /** A shell command run after each mirror export (rsync, rclone, ipfs add), in MIRROR_DIR. */
    MIRROR_HOOK: z.string().default(''),
    MIRROR_HOOK_TIMEOUT_S: z.coerce.number().int().min(1).max(86_400).default(600),
    MAX_IMAGE_MEGAPIXELS: z.coerce
      .number()
      .positive()
      .max(200)
      .default(50)
      .describe('largest image accepted (width x height), in megapixels; decoding costs ~4 bytes a pixel'),
    IMAGE_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(16)
      .default(1)
      .describe('uploads decoded at once per process; the others wait their turn'),
    SERVE_ORIGINAL_MEDIA: z
      .union([z.boolean(), z.stringbool()], { message: 'must be true or false' })
      .default(false)
      .describe('serve /media/.../original.* (the cleaned full-size upload); otherwise the largest variant'),
    REMOTE_FETCH_TIMEOUT_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(60)
      .default(10)
      .describe(
        'seconds allowed to fetch one image from another site when an article is saved (three times that for all of one save)',
      ),
    REMOTE_FETCH_ALLOW_ADDRESSES: z
      .string()
      .trim()
      .refine((v) => v === '' || v.split(',').every((a) => isIP(a.trim()) !== 0), {
        message: 'must be empty or IP addresses separated by commas',
      })
      .default('')
      .describe(
        'TESTS ONLY: addresses remote image fetches may reach although private (a stand-in server on 127.0.0.1). Leave empty: anything else opens the server to SSRF',
      ),
    WEB_WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], {
        message: 'must be a whole number from 1 to 64, or auto (one per CPU core)',
      })
      .default('auto')
      .describe('HTTP processes serve runs, sharing the port (auto: one per core, as nginx does)'),
    ACCESS_LOG: z
      .enum(['on', 'off'], { message: 'must be on or off' })
      .default('off')
      .describe(
        'one line per request (method, path without query string, status, ms; never an address): off by default',
      ),
    SESSION_IDLE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12)
      .describe('a staff session ends after this many hours without a request'),
    SESSION_ABSOLUTE_DAYS: z.coerce
      .number()
      .positive()
      .max(365)
      .default(14)
      .describe('a staff session ends this many days after sign-in, however active'),
    SMTP_URL: z
      .string()
      .trim()
      .refine((v) => v === '' || /^smtps?:\/\/[^\s]+$/i.test(v), {
        message: 'must be empty (mail goes to the outbox in DATA_DIR) or an smtp:// or smtps:// URL',
      })
      .default('')
      .describe('where staff mail (invites, password resets) is sent; empty: .eml files in DATA_DIR/outbox/'),
    MAIL_FROM: z
      .string()
      .trim()
      .refine(
        (v) => v === '' || /^[^\s@<>]+@[^\s@<>]+$/.test(v) || /^[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>$/.test(v),
        {
          message: 'must be an address such as newsroom@news.example or "Newsroom <newsroom@news.example>"',
        },
      )
      .default('')
      .describe('the sender of staff mail (default: samizdat@ the host of SITE_URL)'),
    SEED_DEMO: z
      .enum(['auto', 'never'])
      .default('auto')
      .describe('auto: seed the demo publication when the database has no articles'),
  })
  .strict();

export type Config = z.infer<typeof configSchema> & { SITE_URL: string };
export const CONFIG_KEYS = Object.keys(configSchema.shape) as Array<keyof typeof configSchema.shape>;
