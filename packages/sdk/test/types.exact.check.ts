/**
 * Type test under `exactOptionalPropertyTypes: true` (tsconfig.exact.json, run by `npm run
 * typecheck`): every optional option and param also takes `undefined`, so values read from the
 * environment or from optional fields pass straight through.
 */
import { type ListOptions, type RequestOptions, type WaitOptions, Yorozu } from '../src/index';

declare const maybe: { key?: string; limit?: number; signal?: AbortSignal; cursor?: string | null };

// The README's first line.
const client = new Yorozu({ apiKey: process.env.YOROZU_API_KEY, baseUrl: process.env.YOROZU_BASE_URL });
new Yorozu({
  apiKey: maybe.key,
  timeout: undefined,
  maxRetries: undefined,
  headers: undefined,
  fetch: undefined,
});

const options: RequestOptions = { signal: maybe.signal, timeout: undefined, idempotencyKey: maybe.key };
const list: ListOptions = { startCursor: maybe.cursor, signal: maybe.signal };
const wait: WaitOptions = { signal: maybe.signal, onProgress: undefined, pollInterval: undefined };

await client.me.get(undefined, options);
await client.apiKeys.list({ limit: maybe.limit, cursor: maybe.cursor ?? undefined }, list);
await client.auditLog.list({ limit: undefined }, { startCursor: undefined });
await client.me.update({ name: maybe.key ?? null });
await client.studio.generations.create({
  id: 'c-1',
  expressions: ['happy'],
  resolution: undefined,
  aspectRatio: undefined,
});
await client.jobs.wait('job-1', wait);
await Yorozu.login({ email: 'a@example.com', password: 'pw' }, { onTokens: undefined, baseUrl: maybe.key });
await Yorozu.fromRefreshToken('refresh', { onTokens: undefined });

// Still strict where it matters.
// @ts-expect-error limit is a number
client.apiKeys.list({ limit: 'ten' });
// @ts-expect-error scopes are required, and undefined is not a value for a required field
client.apiKeys.create({ name: 'ci', scopes: undefined });
