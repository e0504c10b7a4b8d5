/**
 * Quota is not a rate limit: the SDK's two typed errors for "not now", and their fields.
 *
 *   npm start                          # in another terminal: the service
 *   npm run errors -w @yorozu/examples
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. So that your own quota stays untouched,
 * the example signs up a throwaway account (errors-<time>@example.com), then:
 *
 * - spends its free studio credits (5 a month) until a generation is refused: a 402
 *   `QuotaExceededError`, never retried, saying when the quota resets;
 * - guesses its password until the login limiter answers 429: a `RateLimitError`, saying
 *   when to try again. The SDK retries a 429 by itself when the wait fits in the call's
 *   deadline; this wait (up to a minute) does not fit in 10 s, so it is thrown at once.
 */
import { randomBytes } from 'node:crypto';
import { type APIError, QuotaExceededError, RateLimitError, Yorozu } from '@yorozu/sdk';

/** A small image for the character's base drawing. */
const BASE_IMAGE = new Blob(
  [
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="24" fill="#f48fb1"/></svg>',
  ],
  { type: 'image/svg+xml' },
);

function describe(error: APIError, fields: Record<string, unknown>): string[] {
  return [
    `${error.name}: ${error.status} ${error.code}, ${error.detail}`,
    ...Object.entries<unknown>({
      ...fields,
      retryable: error.retryable,
      attempts: error.attempts,
      requestId: error.requestId,
    }).map(
      ([name, value]) =>
        `  ${name.padEnd(12)} ${value instanceof Date ? value.toISOString() : String(value)}`,
    ),
  ];
}

export async function spendStudioCredits(client: Yorozu): Promise<QuotaExceededError> {
  const file = await client.files.create({ body: BASE_IMAGE });
  const character = await client.studio.characters.create({
    name: 'Errors',
    baseImageFileId: file.id,
    artStyle: 'anime',
  });
  for (;;) {
    try {
      await client.studio.generations.create({ id: character.id, expressions: ['happy'] });
    } catch (error) {
      if (error instanceof QuotaExceededError) return error;
      throw error;
    }
  }
}

export async function guessPassword(baseUrl: string, email: string): Promise<RateLimitError> {
  const client = new Yorozu({ baseUrl, deadline: 10_000, anonymous: true });
  for (;;) {
    try {
      await client.auth.login({ email, password: 'not the password' });
    } catch (error) {
      if (error instanceof RateLimitError) return error;
      if ((error as APIError).status !== 401) throw error;
    }
  }
}

export async function runErrorsExample(baseUrl: string, print: (line: string) => void = console.log) {
  const email = `errors-${Date.now()}@example.com`;
  const password = randomBytes(12).toString('base64url');
  const { tokens } = await new Yorozu({ baseUrl, anonymous: true }).auth.signup({ email, password });
  print(`Signed up a throwaway account: ${email}`);
  const client = new Yorozu({ baseUrl, accessToken: tokens.accessToken });

  const quota = await spendStudioCredits(client);
  for (const line of describe(quota, {
    product: quota.product,
    metric: quota.metric,
    limit: quota.limit,
    used: quota.used,
    resetsAt: quota.resetsAt,
  }))
    print(line);

  const rateLimit = await guessPassword(baseUrl, email);
  for (const line of describe(rateLimit, {
    retryAfterMs: rateLimit.retryAfterMs,
    limit: rateLimit.limit,
    remaining: rateLimit.remaining,
    resetAt: rateLimit.resetAt,
  }))
    print(line);
  return { quota, rateLimit };
}

if (import.meta.main) {
  await runErrorsExample(process.env.YOROZU_BASE_URL ?? 'http://127.0.0.1:3000');
}
