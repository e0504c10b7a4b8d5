/**
 * The SDK's browser bundle in real browsers: headless Chromium (over CDP) and Firefox ESR (over
 * WebDriver BiDi), the system binaries (Debian's `chromium` and `firefox-esr`, which .ci/run
 * installs), driven by puppeteer-core. The page runs test/browser/scenario.js against the real
 * service and worker on another origin, so every call is a real CORS request.
 */
import { existsSync } from 'node:fs';
import { startTestServer, startTestWorker } from '@yorozu/api/testing';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distEntry, startStaticOrigin } from './static-origin';

const BROWSERS = [
  { name: 'Chromium', browser: 'chrome', executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] },
  { name: 'Firefox ESR', browser: 'firefox', executablePath: '/usr/bin/firefox-esr', args: [] },
] as const;

// In CI a missing browser or build is a failure; on a developer's machine without them, a skip.
const ready = existsSync(distEntry) && BROWSERS.every((b) => existsSync(b.executablePath));
const run = process.env.CI ? describe : describe.skipIf(!ready);

run('the browser bundle against the real service on another origin', () => {
  let api: Awaited<ReturnType<typeof startTestServer>>;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let page: Awaited<ReturnType<typeof startStaticOrigin>>;

  beforeAll(async () => {
    api = await startTestServer();
    worker = await startTestWorker(api.databaseUrl);
    page = await startStaticOrigin();
  });
  afterAll(async () => {
    await page?.stop();
    await worker?.stop();
    await api?.stop();
  });

  it.each(BROWSERS)(
    '$name: JSON bodies, PATCH, uploads, lists, an SSE job and typed errors',
    async (spec) => {
      let browser: Browser | undefined;
      try {
        browser = await puppeteer.launch({
          browser: spec.browser,
          executablePath: spec.executablePath,
          headless: true,
          args: [...spec.args],
        });
        const tab = await browser.newPage();
        await tab.goto(page.url);
        expect(new URL(page.url).origin).not.toBe(new URL(api.baseUrl).origin);
        const seen = (await tab.evaluate(
          `import('/scenario.js').then((scenario) => scenario.run(${JSON.stringify(api.baseUrl)}))`,
        )) as Record<string, unknown> & { exchanges: string[] };

        expect(seen.signup).toMatch(/^browser-.*@example\.com$/);
        expect(seen.login).toBe(seen.signup);
        expect(seen.requestId).toEqual(expect.any(String));
        expect(seen.created).toEqual({ name: 'made in a browser', secret: 'string' });
        expect(seen.patched).toBe('Renamed in a browser');
        expect(seen.uploaded).toEqual(Array(3).fill({ contentType: 'image/png', size: 70 }));
        expect(seen.listed).toEqual({ count: 3, all: true, done: true });
        expect(seen.downloaded).toEqual({ type: 'image/png', size: 70 });
        expect(seen.job).toMatchObject({ status: 'succeeded', hasImage: true });
        expect((seen.job as { progress: number[] }).progress.at(-1)).toBe(100);
        expect(seen.validation).toEqual({ isValidationError: true, paths: ['/body/name'] });
        expect(seen.quota).toEqual({
          product: 'stickers',
          metric: 'images',
          resetsAt: true,
          retryable: false,
        });
        // The job was followed over its event stream, not by polling.
        expect(seen.exchanges).toContainEqual(
          expect.stringMatching(/^GET \/v1\/jobs\/[^/]+\/events 200 text\/event-stream/),
        );
        expect(seen.exchanges.filter((e) => /^GET \/v1\/jobs\/[^/]+ /.test(e))).toEqual([]);
      } finally {
        await browser?.close();
      }
    },
    180_000,
  );
});
