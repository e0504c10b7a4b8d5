/**
 * The prose a reader sees: the API's description (products served, auth,
 * pagination, errors) and each operation's description, completed with what
 * the operation table already says (its scope, whether it is paginated), so
 * the text cannot disagree with the contract.
 */
import type { OperationDefinition } from '../operation.ts';
import { PAGINATION } from '../schema.ts';

export function isPaginated(operation: OperationDefinition): boolean {
  return operation.query?.properties['cursor'] !== undefined;
}

export function operationDescription(operation: OperationDefinition): string {
  const parts = [operation.description];
  if (isPaginated(operation)) {
    parts.push(
      'Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.',
    );
  }
  if (operation.auth === 'optional') {
    parts.push('Credentials are optional: without them only public data is visible.');
  } else if (operation.auth !== 'public' && operation.auth.optional) {
    parts.push(
      `Credentials are optional: without them only public data is visible; with them, they need scope \`${operation.auth.scope}\`.`,
    );
  } else if (operation.auth !== 'public') parts.push(`Requires scope \`${operation.auth.scope}\`.`);
  return parts.join('\n\n');
}

export interface ApiDescriptionInput {
  /** The product modules this version serves, as their tags. */
  products: readonly { name: string; description: string }[];
}

export function apiDescription({ products }: ApiDescriptionInput): string {
  const productList = products.map((tag) => `- **${tag.name}** (\`/v1/${tag.name}\`): ${tag.description}`);
  return [
    'One API for a family of products: one account, one kind of credential, one error model, ' +
      'one pagination model and one quota model serve all of them.',
    '## Products',
    `This version serves ${products.length === 1 ? 'one product' : `${products.length} products`}:`,
    productList.join('\n'),
    'Every product shares the kernel: accounts and sign-in (`auth`, `me`), API keys, the audit log, ' +
      'usage and quotas, jobs and files. More products will appear here as their modules ship.',
    '## Authentication',
    'Send `Authorization: Bearer <token>`, where the token is an access token from `POST /v1/auth/login` ' +
      '(15 minutes; renew it with `POST /v1/auth/refresh`) or an API key (`yz_…`) from `POST /v1/api-keys`. ' +
      'An API key carries scopes: `<resource>:read` grants the reads of a resource, `<resource>:write` the rest. ' +
      'Each operation names the scope it requires; an access token carries every scope.',
    '## Pagination',
    PAGINATION,
    '## Errors',
    'Every error is `application/problem+json` (RFC 9457) with a stable `code` to branch on, a human `detail` and ' +
      'the `requestId` to quote to support. Invalid input is 400 `validation_failed` with one `errors[]` entry per field; ' +
      'unknown properties and query parameters are refused, not ignored. A used-up quota is 402 `quota_exceeded` with ' +
      '`quota.resetsAt`; 429 and 503 carry `Retry-After`.',
    '## Retries',
    'Operations that create something or spend quota accept an `Idempotency-Key`: retry them with the same key and ' +
      'the first response is replayed instead of the work being done twice.',
  ].join('\n\n');
}
