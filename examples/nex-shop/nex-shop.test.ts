import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer } from '@yorozu/api/testing';
import { afterAll, expect, it } from 'vitest';
import { runShop } from './index.ts';

// The real service on a fresh database, with the local payment provider.
const server = await startTestServer();
afterAll(() => server.stop());

it('sells a digital product: readable only once paid, and the sale and fee are in the ledger', async () => {
  const lines: string[] = [];
  const run = await runShop(server.baseUrl, (line) => lines.push(line));
  expect(run.refusedBeforePaying).toBe(true);
  expect(run.payment.status).toBe('succeeded');
  // Digital only: delivered as soon as it is paid.
  expect(run.order).toMatchObject({ status: 'delivered', paymentStatus: 'paid', total: 1500 });
  expect(run.download.type).toBe('image/png');
  expect(run.download.size).toBe(70);
  expect(run.entries.map((e) => [e.kind, e.amount]).sort()).toEqual([
    ['fee', -150],
    ['sale', 1500],
  ]);
  expect(run.balance.data).toEqual([{ currency: 'JPY', available: 1350, withdrawing: 0 }]);
  expect(run.withdrawal).toMatchObject({ status: 'requested', amount: 1000, currency: 'JPY' });
  expect(lines).toContain('Before paying, the fan cannot download the file (404)');
  expect(lines.at(-1)).toBe('Withdrawal of 1000 JPY: requested');
});

it('runs as `npm run nex-shop` against YOROZU_BASE_URL', async () => {
  const script = fileURLToPath(new URL('index.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, YOROZU_BASE_URL: server.baseUrl },
  });
  expect(stdout).toMatch(/Order NX-\d{8}-[0-9A-Z]{8}: 1500 JPY, pending/);
  expect(stdout).toContain('Balance: 1350 JPY available');
});
