/**
 * What every request to a provider shares: https only, except a loopback address (local
 * development and tests; the configuration refuses any other plain-http endpoint), a timeout,
 * and a bounded body.
 */
import type { Configuration } from 'openid-client';
import { allowInsecureRequests } from 'openid-client';

/** Seconds a provider has to answer one request. */
export const PROVIDER_TIMEOUT_SECONDS = 10;
/** The largest JSON body read from a provider's user API. */
const MAX_JSON_BYTES = 256 * 1024;

export function isLoopbackHttp(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed?.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/** openid-client refuses http endpoints unless told; only a loopback provider may be. */
export function allowLoopback(url: string): Array<(config: Configuration) => void> {
  return isLoopbackHttp(url) ? [allowInsecureRequests] : [];
}

/** Reads at most `maxBytes` of a response body; a longer one is an error, not truncated. */
export async function readBounded(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`the provider's answer is over ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(`the provider's answer is over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A GET of a provider API with a bearer token, answered with JSON. */
export async function getJson(url: string, accessToken: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}`, ...headers },
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_SECONDS * 1000),
    redirect: 'error',
  });
  const body = await readBounded(response, MAX_JSON_BYTES);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return JSON.parse(body.toString('utf8')) as unknown;
}

/**
 * An avatar URL the service may fetch: https on one of `hosts` (a leading dot allows every
 * subdomain), or exactly one of the provider's configured origins (`origins`, which may be a
 * loopback http address in development and tests).
 */
export function isTrustedUrl(url: URL, hosts: readonly string[], origins: readonly string[]): boolean {
  if (origins.some((origin) => URL.parse(origin)?.origin === url.origin)) return true;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  return hosts.some((host) => (host.startsWith('.') ? url.hostname.endsWith(host) : url.hostname === host));
}
