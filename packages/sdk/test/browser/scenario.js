/**
 * Runs in the browser page (test/browser/browsers.test.ts), against the real service on another
 * origin, through the SDK's bundle: every kind of call a browser app makes. Returns what each
 * step saw, for the test to check; the steps stop at the first unexpected error.
 */
import { PagePromise, QuotaExceededError, ValidationError, Yorozu } from './sdk.js';

const PASSWORD = 'a perfectly fine passphrase';

/** The smallest valid PNG: one transparent pixel. */
const onePixelPng = () =>
  new Blob(
    [
      Uint8Array.from(
        atob(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        ),
        (c) => c.charCodeAt(0),
      ),
    ],
    { type: 'image/png' },
  );

const sticker = (title) => ({
  title,
  characterName: 'Browser',
  attribute: 'fire',
  rarity: 'common',
  backgroundColor: '#D84A2C',
});

export async function run(baseUrl) {
  /** `METHOD path status content-type` of every exchange the SDK made, from the page's side. */
  const exchanges = [];
  const fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    exchanges.push(
      `${init?.method ?? 'GET'} ${url.pathname} ${response.status} ${response.headers.get('content-type') ?? ''}`,
    );
    return response;
  };
  const seen = { origin: location.origin, exchanges };
  const email = `browser-${crypto.randomUUID()}@example.com`;

  const anonymous = new Yorozu({ baseUrl, anonymous: true, fetch });
  const signup = await anonymous.auth.signup({ email, password: PASSWORD, name: 'Browser' });
  seen.signup = signup.account.email;

  // A custom header on every request: the preflight must allow it.
  const client = await Yorozu.login(
    { email, password: PASSWORD },
    { baseUrl, fetch, headers: { 'x-app': 'browser-test' } },
  );
  seen.login = client.session.account.email;
  seen.requestId = (await client.me.get())._requestId;

  const key = await client.apiKeys.create({ name: 'made in a browser', scopes: ['me:read'] });
  seen.created = { name: key.name, secret: typeof key.secret };
  seen.patched = (await client.me.update({ name: 'Renamed in a browser' })).name;

  const uploads = [];
  for (let i = 0; i < 3; i++) uploads.push(await client.files.create({ body: onePixelPng() }));
  seen.uploaded = uploads.map((file) => ({ contentType: file.contentType, size: file.size }));
  const walk = client.files.list({ limit: 2 });
  const listed = [];
  for await (const file of walk) listed.push(file.id);
  seen.listed = {
    count: listed.length,
    all: uploads.every((file) => listed.includes(file.id)),
    done: walk.cursor === PagePromise.DONE,
  };
  const bytes = await client.files.get({ id: uploads[0].id });
  seen.downloaded = { type: bytes.type, size: bytes.size };

  const created = await client.stickers.images.create(sticker(`Browser ${crypto.randomUUID().slice(0, 8)}`));
  const progress = [];
  const job = await client.jobs.wait(created.job.id, {
    onProgress: (update) => progress.push(update.progress),
  });
  seen.job = { status: job.status, hasImage: typeof job.result?.imageId === 'string', progress };

  const invalid = await client.apiKeys.create({ name: '', scopes: ['me:read'] }).catch((error) => error);
  seen.validation = {
    isValidationError: invalid instanceof ValidationError,
    paths: invalid.errors?.map((e) => e.path),
  };

  let quota;
  for (let i = 0; i < 30 && !quota; i++) {
    await client.stickers.images
      .create(sticker(`Quota ${i} ${crypto.randomUUID().slice(0, 8)}`))
      .catch((error) => {
        if (error instanceof QuotaExceededError) quota = error;
        else throw error;
      });
  }
  seen.quota = quota && {
    product: quota.product,
    metric: quota.metric,
    resetsAt: quota.resetsAt instanceof Date,
    retryable: quota.retryable,
  };
  return seen;
}
