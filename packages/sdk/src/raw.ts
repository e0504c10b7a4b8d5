/**
 * `@yorozu/sdk/raw`: openapi-fetch, typed by path, over a client's auth, retries, deadlines
 * and typed errors. A subpath of its own so that the default entry does not carry
 * openapi-fetch (about a quarter of its size) for the few who call paths directly.
 *
 * ```ts
 * import { Yorozu } from '@yorozu/sdk';
 * import { raw } from '@yorozu/sdk/raw';
 * const api = raw(new Yorozu({ apiKey }));
 * const { data } = await api.GET('/v1/api-keys', { params: { query: { limit: 10 } } });
 * ```
 */
import createClient, { type Client } from 'openapi-fetch';
import type { RawTransport, Yorozu } from './client';
import { UsageError } from './errors';
import type { paths } from './generated/schema';
import { serializeBody } from './resource';

export type { paths } from './generated/schema';

/** An openapi-fetch client sending through `client`: `raw(client).GET('/v1/me')`. */
export function raw(client: Yorozu): Client<paths> {
  // The key is registered (`Symbol.for`), so clients from the CJS and ESM builds both work.
  const transport = (client as unknown as Record<symbol, RawTransport | undefined>)[
    Symbol.for('@yorozu/sdk/raw')
  ];
  if (!transport) throw new UsageError('raw(client): pass a Yorozu client');
  return createClient<paths>({
    baseUrl: transport.baseUrl,
    headers: transport.headers ?? {},
    bodySerializer: serializeBody,
    fetch: transport.fetch,
  });
}
