/**
 * Type test, run by `npm run typecheck` (tsc --noEmit): params and results of the SDK come from
 * spec/openapi.json. Every `@ts-expect-error` must be an error, every `expectType` must hold.
 */
import type { ApiKeys, Files, Studio } from '../src/index';
import {
  type APIError,
  type Input,
  type Job,
  type JobOf,
  NotModified,
  type Page,
  PagePromise,
  type QuotaExceededError,
  type RateLimitError,
  type Schemas,
  type SucceededJob,
  type ValidationError,
  type WithRequestId,
  type WithResponse,
  Yorozu,
} from '../src/index';
import { raw } from '../src/raw';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => {};

const client = new Yorozu({ apiKey: 'yz_test' });

// Results are the spec's schemas, with the response's request id.
const me = await client.me.get();
expectType<Equal<typeof me, WithRequestId<Schemas['Account']>>>(true);
expectType<Equal<typeof me._requestId, string | undefined>>(true);
const account: Schemas['Account'] = me;
expectType<Equal<typeof me.role, 'member' | 'admin'>>(true);
expectType<Equal<typeof me.name, string | null>>(true);

const created = await client.apiKeys.create({ name: 'ci', scopes: ['me:read'] });
expectType<Equal<typeof created, WithRequestId<Schemas['CreatedApiKey']>>>(true);
expectType<Equal<typeof created.secret, string>>(true);

const deleted = await client.apiKeys.delete({ id: created.id });
expectType<Equal<typeof deleted, undefined>>(true);

// Params are the spec's parameters and body fields.
expectType<Equal<Input<import('../src/index').operations['apiKeys.delete']>, { id: string }>>(true);
// @ts-expect-error scopes are required
client.apiKeys.create({ name: 'ci' });
// @ts-expect-error unknown scope
client.apiKeys.create({ name: 'ci', scopes: ['everything'] });
// @ts-expect-error id is required
client.apiKeys.delete();
// @ts-expect-error limit is a number
client.apiKeys.list({ limit: '10' });
// @ts-expect-error no such operation
client.apiKeys.rotate;
// @ts-expect-error options are typed too
client.me.get(undefined, { timeout: '1s' });
client.me.get(undefined, { timeout: 1000, signal: AbortSignal.timeout(5000), maxRetries: 0 });
client.me.update({ name: null }, { idempotencyKey: 'rename-1' });

// A body field with a default may be left out; the server applies it.
client.studio.generations.create({ id: 'c-1', expressions: ['happy'] });
client.studio.generations.create({ id: 'c-1', expressions: ['happy'], resolution: '1K', aspectRatio: '3:4' });
// @ts-expect-error not a resolution
client.studio.generations.create({ id: 'c-1', expressions: ['happy'], resolution: '8K' });

// Lists: a page promise typed by the item.
const list = client.apiKeys.list({ limit: 50 });
expectType<Equal<typeof list, PagePromise<Schemas['ApiKey']>>>(true);
const page = await list;
expectType<Equal<typeof page, Page<Schemas['ApiKey']>>>(true);
for await (const key of client.apiKeys.list()) expectType<Equal<typeof key.prefix, string>>(true);
for await (const entry of client.auditLog.list({ limit: 100 }, { startCursor: list.cursor }))
  expectType<Equal<typeof entry.actor.type, 'account' | 'api_key'>>(true);
const capped = await list.toArray({ maxItems: 10 });
expectType<Equal<typeof capped, Schemas['ApiKey'][]>>(true);
expectType<Equal<typeof list.cursor, string | null>>(true);
client.apiKeys.list(undefined, { startCursor: PagePromise.DONE });

// Real promises: assignable to Promise<T>, inferred as T by `Awaited`.
const asPromise: () => Promise<Schemas['Account']> = () => client.me.get();
expectType<Equal<Awaited<ReturnType<typeof client.me.get>>, WithRequestId<Schemas['Account']>>>(true);
const firstPage: Promise<Page<Schemas['ApiKey']>> = client.apiKeys.list();
const listed = await client.apiKeys.list().withResponse();
expectType<Equal<typeof listed.data, Page<Schemas['ApiKey']>>>(true);
const rawResponse: Response = await client.me.get().asResponse();

// A 304 is a result, typed where the spec declares it and the call sends ifNoneMatch.
const download = await client.files.get({ id: 'f-1' }, { ifNoneMatch: '"v1"' });
expectType<Equal<typeof download, Blob | NotModified>>(true);
if (!(download instanceof NotModified)) expectType<Equal<typeof download, Blob>>(true);
const plainDownload = await client.files.get({ id: 'f-1' });
expectType<Equal<typeof plainDownload, Blob>>(true);

// withResponse()
const withResponse = await client.me.get().withResponse();
expectType<Equal<typeof withResponse, WithResponse<WithRequestId<Schemas['Account']>>>>(true);
expectType<
  Equal<typeof withResponse.quota, { remaining: number | null; resetsAt: Date | undefined } | undefined>
>(true);

// Sessions
const session = await Yorozu.login({ email: 'ada@example.com', password: 'pw' });
expectType<Equal<typeof session, Yorozu>>(true);
expectType<Equal<NonNullable<typeof session.session>['account'], Schemas['Account']>>(true);
const signedIn = await client.auth.login({ email: 'ada@example.com', password: 'pw' });
expectType<Equal<typeof signedIn.tokens.expiresIn, number>>(true);

// Jobs
// The result follows the job's type: from the job a create call answered, or a type argument.
declare const accepted: JobOf<'stickers.render'>;
const rendered = await client.jobs.wait(accepted, { onProgress: (j) => j.progress });
expectType<Equal<typeof rendered.result.fileId, string>>(true);
expectType<Equal<typeof rendered.status, 'succeeded'>>(true);
const byId = await client.jobs.wait<'studio.generate'>('job-1');
expectType<Equal<typeof byId.type, 'studio.generate'>>(true);
const anyJob = await client.jobs.wait('job-1');
expectType<Equal<typeof anyJob, SucceededJob>>(true);
if (anyJob.type === 'stickers.render') expectType<Equal<typeof anyJob.result.imageUrl, string>>(true);
// @ts-expect-error a studio job has no fileId
byId.result.fileId;
expectType<Equal<Job, Schemas['Job']>>(true);

// Path-level access with openapi-fetch types.
const rawKeys = await raw(client).GET('/v1/api-keys', { params: { query: { limit: 5 } } });
expectType<Equal<NonNullable<typeof rawKeys.data>, Schemas['ApiKeyList']>>(true);
// @ts-expect-error unknown path
raw(client).GET('/v1/nope');
// Binary bytes are Blobs at the path level too.
type Upload = NonNullable<
  import('../src/index').paths['/v1/files']['post']['requestBody']
>['content']['image/png'];
expectType<Equal<Upload, Blob>>(true);
const upload = await client.files.create({ body: new Blob([]) });
expectType<Equal<typeof upload, WithRequestId<Schemas['File']>>>(true);

// Errors
declare const error: unknown;
if (error instanceof Error) {
  const e = error as QuotaExceededError & RateLimitError & ValidationError & APIError;
  expectType<Equal<typeof e.resetsAt, Date | undefined>>(true);
  expectType<Equal<typeof e.retryAfterMs, number | undefined>>(true);
  expectType<Equal<typeof e.errors, Schemas['FieldProblem'][]>>(true);
}

void account;
void asPromise;
void firstPage;
void rawResponse;

// Named params and result types, one namespace per resource.
const createParams: ApiKeys.CreateParams = { name: 'ci', scopes: ['me:read'] };
expectType<Equal<Parameters<typeof client.apiKeys.create>[0], ApiKeys.CreateParams>>(true);
expectType<Equal<ApiKeys.ApiKey, Schemas['ApiKey']>>(true);
expectType<Equal<ApiKeys.CreatedApiKey, Schemas['CreatedApiKey']>>(true);
expectType<Equal<Files.File, Schemas['File']>>(true);
const listCharacters: Studio.Characters.ListParams = { limit: 10 };
// @ts-expect-error scopes are required
const missingScopes: ApiKeys.CreateParams = { name: 'ci' };
// @ts-expect-error operations other services call (the Stripe webhook) are not SDK methods
client.billing;
void createParams;
void listCharacters;
void missingScopes;
