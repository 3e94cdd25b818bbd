import { isIP } from 'node:net';
import { z } from 'zod';
import { parseOriginList } from '../lib/parse-origin.ts';
import { parseMirrorsSetting } from '../lib/mirror-entries.ts';

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
    ALTERNATE_ORIGINS: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const parsed = parseOriginList(v);
        if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
      })
      .default('')
      .describe(
        'other origins serving this site (comma-separated, e.g. https://cdn.example): pages asked for there keep their links there; canonical links stay on SITE_URL',
      ),
    MIRRORS: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const parsed = parseMirrorsSetting(v);
        if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
      })
      .default('')
      .describe(
        'the ways to reach the site when it is blocked, until the mirrors setting is saved: url|note;url|note or a JSON array',
      ),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d+:[A-Za-z0-9_-]{20,}$/.test(v), {
        message: 'must look like 123456:ABC-DEF... (from @BotFather)',
      })
      .default('')
      .describe('with TELEGRAM_CHAT_ID: each newly published article is posted to the channel'),
    TELEGRAM_CHAT_ID: z
      .string()
      .trim()
      .refine((v) => v === '' || /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})$/.test(v), {
        message: 'must be a chat id (-100...) or @channelname',
      })
      .default('')
      .describe('the channel posted to (the bot must be an admin of it)'),
    TELEGRAM_API_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('https://api.telegram.org')
      .describe('the Bot API; another address for a proxy or for tests'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_UPLOAD_MB: z.coerce.number().positive().max(200).default(25),
    /**
     * Memory for rendered public responses per web process; the least recently used go first.
     * 16 MB (a few hundred pages with their compressed forms: the demo's 229 URLs, each asked
     * for once, held about 6.5 MB of buffers) keeps a web process that has served every page kind
     * near its 120 MB budget with the cache full (bench/README.md, issue 15).
     */
    PAGE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(16),
    /** Newsletter subscribers: soft bounces in a row before an address is no longer mailed. */
    NEWSLETTER_SOFT_BOUNCE_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
    /** Newsletter signups: hours a confirmation link works; unconfirmed signups are deleted after. */
    NEWSLETTER_CONFIRM_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
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
      .refine((v) => v === '' || v.split(',').every((u) => /^smtps?:\/\/[^\s,]+$/i.test(u.trim())), {
        message:
          'must be empty (mail goes to the outbox in DATA_DIR) or smtp:// / smtps:// URLs separated by commas',
      })
      .default('')
      .describe(
        'where mail (staff mail, newsletters) is sent; several URLs separated by commas form a pool; empty: .eml files in DATA_DIR/outbox/',
      ),
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
    STRIPE_SECRET_KEY: z
      .string()
      .trim()
      .default('')
      .describe('reader revenue: Stripe secret key (sk_...); empty: no Stripe rail'),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .trim()
      .default('')
      .describe('reader revenue: the signing secret (whsec_...) of the endpoint POST /webhooks/stripe'),
    STRIPE_API_URL: z
      .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' })
      .default('https://api.stripe.com')
      .describe("where the Stripe API answers (tests and staging: a local stand-in); default Stripe's own"),
    BTCPAY_URL: z
      .string()
      .trim()
      .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), {
        message: 'must be empty or an http(s) URL',
      })
      .default('')
      .describe('reader revenue: the BTCPay Server (Greenfield API) base URL; empty: no crypto rail'),
    BTCPAY_API_KEY: z.string().trim().default('').describe('reader revenue: a BTCPay Greenfield API key'),
    BTCPAY_STORE_ID: z.string().trim().default('').describe('reader revenue: the BTCPay store id'),
    BTCPAY_WEBHOOK_SECRET: z
      .string()
      .trim()
      .default('')
      .describe(
        'reader revenue: the secret of the BTCPay webhook to POST /webhooks/btcpay (BTCPay-Sig HMAC)',
      ),
    BANK_TRANSFER_DETAILS: z
      .string()
      .trim()
      .max(2000)
      .default('')
      .describe(
        'reader revenue: bank account details shown to donors (lines separated by "|"); empty: no bank transfer',
      ),
    DONATIONS_TEST_RAIL: z
      .enum(['auto', 'on', 'off'], { message: 'must be auto, on or off' })
      .default('auto')
      .describe(
        'reader revenue: the TEST rail (a local checkout, no money); auto: on only while no real rail is configured',
      ),
    DONATIONS_CHECKOUTS_PER_RANGE: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(30)
      .describe(
        'reader revenue: checkouts one address range (IPv4 /24, IPv6 /48) may start in 10 minutes (card-testing defence)',
      ),
    DONATIONS_CHECKOUTS_PER_EMAIL: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(10)
      .describe('reader revenue: checkouts and donor-link requests per e-mail address in 10 minutes'),
    DONATIONS_PROOF_OF_WORK_BITS: z.coerce
      .number()
      .int()
      .refine((v) => v === 0 || (v >= 8 && v <= 24), { message: 'must be 0 (off) or 8 to 24' })
      .default(0)
      .describe(
        'reader revenue: the proof-of-work step before a checkout (card-testing defence), in leading zero bits; 0: off',
      ),
    DKIM_DOMAIN: z
      .string()
      .trim()
      .refine(
        (v) => v === '' || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(v),
        {
          message: 'must be empty or a domain name such as news.example',
        },
      )
      .default('')
      .describe(
        'sign outgoing mail with DKIM for this domain (with DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE)',
      ),
    DKIM_SELECTOR: z
      .string()
      .trim()
      .refine(
        (v) =>
          v === '' || /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(\s*,\s*[a-z0-9]([a-z0-9._-]*[a-z0-9])?)?$/i.test(v),
        { message: 'must be empty, a DNS label such as mail2026, or two separated by a comma' },
      )
      .default('')
      .describe(
        'the DKIM selector: the public key is published at <selector>._domainkey.<DKIM_DOMAIN>; two, comma-separated, with two key files',
      ),
    DKIM_PRIVATE_KEY_FILE: z
      .string()
      .trim()
      .default('')
      .describe(
        'PEM file holding the DKIM private key, RSA (rsa-sha256) or Ed25519 (ed25519-sha256, RFC 8463); two files separated by a comma sign every message twice (read at start; unreadable is a start error)',
      ),
    MAIL_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(8)
      .describe('newsletter messages handed to the SMTP server(s) at once (connections, shared by the pool)'),
    MAIL_RATE_PER_SECOND: z.coerce
      .number()
      .min(0)
      .max(100_000)
      .default(0)
      .describe('most newsletter messages handed on per second (0: no cap beyond MAIL_CONCURRENCY)'),
    MAIL_WEBHOOK_SECRET: z
      .string()
      .default('')
      .describe(
        'shared secret of POST /webhooks/mail/generic (HMAC-SHA256 of the body in X-Samizdat-Signature); empty: the endpoint refuses everything',
      ),
    SNS_CERT_HOST_PATTERN: z
      .string()
      .default('')
      .describe(
        'TESTS ONLY: a regular expression for the host of the SNS signing certificate URL; empty: sns.<region>.amazonaws.com',
      ),
    SEED_DEMO: z
      .enum(['auto', 'never'])
      .default('auto')
      .describe('auto: seed the demo publication when the database has no articles'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const dkim = [c.DKIM_DOMAIN, c.DKIM_SELECTOR, c.DKIM_PRIVATE_KEY_FILE];
    if (dkim.some((v) => v !== '') && dkim.some((v) => v === '')) {
      ctx.addIssue({
        code: 'custom',
        path: [
          dkim.indexOf('') === 0
            ? 'DKIM_DOMAIN'
            : dkim.indexOf('') === 1
              ? 'DKIM_SELECTOR'
              : 'DKIM_PRIVATE_KEY_FILE',
        ],
        message: 'DKIM needs all three of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE (or none)',
      });
    }
  });

export type Config = z.infer<typeof configSchema> & { SITE_URL: string };
export const CONFIG_KEYS = Object.keys(configSchema.shape) as Array<keyof typeof configSchema.shape>;
