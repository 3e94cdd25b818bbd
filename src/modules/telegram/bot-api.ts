// The few Telegram Bot API calls the channel needs, over fetch. TELEGRAM_API_URL (default
// https://api.telegram.org) lets tests and proxies stand in. Failures say what to do next:
// TelegramRetryLater (429 with its retry_after, 5xx, the network) is retried by the job queue;
// TelegramRefused (any other 4xx) will not succeed by retrying, and says why.

export class TelegramRetryLater extends Error {
  constructor(
    message: string,
    /** From Telegram's retry_after (429); undefined: the queue's own backoff. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class TelegramRefused extends Error {}

export interface BotApi {
  call<T>(method: string, body: Record<string, unknown> | FormData): Promise<T>;
}

export function createBotApi(options: { apiUrl: string; token: string; timeoutMs?: number }): BotApi {
  const base = `${options.apiUrl.replace(/\/+$/, '')}/bot${options.token}`;
  return {
    async call<T>(method: string, body: Record<string, unknown> | FormData): Promise<T> {
      let res: Response;
      try {
        res = await fetch(`${base}/${method}`, {
          method: 'POST',
          ...(body instanceof FormData
            ? { body }
            : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (err) {
        // Never the URL: it holds the bot token.
        throw new TelegramRetryLater(`Telegram ${method}: ${(err as Error).name}`);
      }
      const answer = (await res.json().catch(() => ({}))) as {
        ok?: boolean;
        result?: T;
        description?: string;
        parameters?: { retry_after?: number };
      };
      if (res.ok && answer.ok) return answer.result as T;
      const why = `Telegram ${method} answered ${res.status}${answer.description ? `: ${answer.description}` : ''}`;
      if (res.status === 429) {
        const after = answer.parameters?.retry_after;
        throw new TelegramRetryLater(why, typeof after === 'number' ? after * 1000 : undefined);
      }
      if (res.status >= 500) throw new TelegramRetryLater(why);
      throw new TelegramRefused(why);
    },
  };
}
