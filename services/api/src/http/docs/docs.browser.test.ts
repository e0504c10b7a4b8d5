/**
 * /docs and /reference as a reader uses them, in Debian's headless Chromium (puppeteer-core
 * drives the system binary that .ci/run installs): Swagger UI loads, Authorize takes an API key,
 * "Try it out" on GET /v1/me answers 200; the Redoc reference renders the same document. Both
 * pages run under their Content-Security-Policy with nothing blocked. Screenshots go to
 * artifacts/docs/ (git-ignored), kept by CI.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, testApp } from '../../../test/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../../../../artifacts/docs/', import.meta.url));
const run = process.env['CI'] ? describe : describe.skipIf(!existsSync(CHROMIUM));

const { app } = await testApp();

/** Console messages about anything the page's CSP refused. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

// Each page lays out the whole document (some two hundred operations) in a browser that shares
// the machine's two cores with the other test files: allow minutes, not vitest's 30 s.
const PAGE_MS = 120_000;

run('docs pages in headless Chromium', () => {
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    'Swagger UI: Authorize with an API key, then Try it out on GET /v1/me answers 200',
    async () => {
      const account = await signUp(app);
      const created = await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'docs browser test', scopes: ['me:read'] },
      });
      const apiKey: string = created.json().secret;

      const page = await browser.newPage();
      page.setDefaultTimeout(PAGE_MS);
      const blocked = cspViolations(page);
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(`${origin}/docs/`, { waitUntil: 'networkidle0' });
      expect(await page.title()).toBe('Yorozu API · Swagger UI');
      await page.waitForSelector('.swagger-ui .info .title');
      expect(await page.$eval('.swagger-ui .info .title', (node) => node.textContent)).toContain(
        'Yorozu API',
      );
      expect(await page.$eval('.topbar-wrapper img', (node) => node.getAttribute('src'))).toMatch(
        /^data:image\/svg\+xml;base64,/,
      );

      await page.click('.auth-wrapper .authorize');
      await page.waitForSelector('.modal-ux input');
      await page.type('.modal-ux input', apiKey);
      await page.click('.modal-ux .auth-btn-wrapper .authorize');
      await page.click('.modal-ux .btn-done');

      // Swagger UI's id for an operation is operations-<tag>-<operationId>, the dot escaped with a backslash.
      const operation = '[id^="operations-me-me"][id$=".get"]';
      await page.click(`${operation} .opblock-summary-control`);
      expect(await page.$eval(operation, (node) => node.textContent)).toContain('Requires scope me:read');
      await page.waitForSelector(`${operation} .try-out__btn`);
      await page.click(`${operation} .try-out__btn`);
      await page.click(`${operation} .execute`);
      const status = await page.waitForSelector(
        `${operation} .live-responses-table tr.response .response-col_status`,
      );
      expect(await status?.evaluate((node) => node.textContent?.trim())).toBe('200');
      const body = await page.$eval(
        `${operation} .live-responses-table tr.response .microlight`,
        (node) => node.textContent,
      );
      expect(JSON.parse(body ?? '{}')).toMatchObject({ id: account.id, email: account.email });
      // The request went to the page's own origin: the served spec's server.
      const curl = await page.$eval(`${operation} .curl-command`, (node) => node.textContent);
      expect(curl).toContain(`${origin}/v1/me`);

      await (await page.$(operation))?.screenshot({ path: `${ARTIFACTS}swagger-ui-me.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${ARTIFACTS}swagger-ui.png` });
      expect(blocked).toEqual([]);
      await page.close();
    },
    PAGE_MS,
  );

  it(
    'Redoc reference renders the same document',
    async () => {
      const page = await browser.newPage();
      page.setDefaultTimeout(PAGE_MS);
      const blocked = cspViolations(page);
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(`${origin}/reference`, { waitUntil: 'networkidle0' });
      expect(await page.title()).toBe('Yorozu API · Reference');
      const heading = await page.waitForSelector('.api-info h1');
      expect(await heading?.evaluate((node) => node.textContent)).toContain('Yorozu API');
      const text = await page.$eval('#reference', (node) => node.textContent ?? '');
      expect(text).toContain('Get the calling account');
      expect(text).toContain('Pagination');
      await page.screenshot({ path: `${ARTIFACTS}reference.png`, fullPage: false });
      // Redoc 2's sidebar credit always links its logo from Redocly's CDN: the CSP refuses it (no
      // request leaves), Redoc then drops the image. Anything else refused would be a broken page.
      expect(
        blocked.filter((message) => !message.includes('https://cdn.redoc.ly/redoc/logo-mini.svg')),
      ).toEqual([]);
      await page.close();
    },
    PAGE_MS,
  );
});
