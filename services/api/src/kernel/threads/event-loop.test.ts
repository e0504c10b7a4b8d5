/**
 * Heavy image work leaves the event loop free: sanitizing a large SVG upload
 * and rendering a PNG run on worker threads, so other requests (health
 * checks included) keep being answered while they run. The bounds are wide;
 * on the event loop the same work stalls everything for seconds.
 */
import { availableParallelism } from 'node:os';
import { svgImage } from '@yorozu/renderers';
import { describe, expect, it } from 'vitest';
import { as, signUp, testApp } from '../../../test/harness.ts';
import { DomainError } from '../errors.ts';
import { rasterizeOffThread } from './pool.ts';

const { app } = await testApp();

/** A valid SVG of about `bytes` bytes: many small shapes, each a node for the sanitizer to judge. */
function largeSvg(bytes: number): Buffer {
  const shape = '<rect x="1" y="2" width="3" height="4" fill="#123456" stroke="#654321"/>';
  const head = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">';
  return Buffer.from(`${head}${shape.repeat(Math.floor(bytes / shape.length))}</svg>`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while asking `/healthz` every 10 ms; returns how long the work
 * took and the longest wait for a health answer, counted from when it was due
 * (a blocked event loop delays the asking as much as the answering).
 */
async function whileHealthChecked(work: () => Promise<unknown>) {
  let done = false;
  const answeredAt: number[] = [performance.now()];
  const poll = (async () => {
    while (!done) {
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      answeredAt.push(performance.now());
      await pause(10);
    }
  })();
  await work();
  const workMs = performance.now() - answeredAt[0]!;
  done = true;
  await poll;
  const waits = answeredAt.slice(1).map((at, index) => at - answeredAt[index]! - 10);
  return { workMs, slowestHealthMs: Math.max(...waits), checks: waits.length };
}

describe('heavy image work off the event loop', () => {
  it('answers /healthz quickly while a large SVG upload is sanitized', async () => {
    const account = await signUp(app);
    const svg = largeSvg(6 * 1024 * 1024);
    const { workMs, slowestHealthMs, checks } = await whileHealthChecked(async () => {
      const upload = await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/files',
        payload: svg,
        headers: { 'content-type': 'image/svg+xml' },
      });
      expect(upload.statusCode).toBe(201);
    });
    expect(checks).toBeGreaterThan(3);
    expect(slowestHealthMs).toBeLessThan(750);
    expect(workMs).toBeGreaterThan(slowestHealthMs * 2);
  }, 60_000);

  it('answers /healthz quickly while a PNG renders', async () => {
    const size = 3000;
    const svg = svgImage(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
        '<filter id="f"><feGaussianBlur stdDeviation="40"/></filter>' +
        `<g filter="url(#f)">${'<circle cx="1500" cy="1500" r="1200" fill="#f48fb1"/>'.repeat(20)}</g></svg>`,
      size,
      size,
    );
    let png: Awaited<ReturnType<typeof rasterizeOffThread>> | undefined;
    const { workMs, slowestHealthMs, checks } = await whileHealthChecked(async () => {
      png = await rasterizeOffThread(svg);
    });
    expect(png?.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png?.width, png?.height]).toEqual([size, size]);
    expect(checks).toBeGreaterThan(3);
    expect(slowestHealthMs).toBeLessThan(750);
    expect(workMs).toBeGreaterThan(slowestHealthMs * 2);
  }, 60_000);

  it('answers 503 with Retry-After when more work is waiting than the pool queues', async () => {
    const threads = Math.max(1, availableParallelism());
    const svg = svgImage(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><circle cx="300" cy="300" r="250"/></svg>',
      600,
      600,
    );
    // piscina queues threads² tasks besides the running ones; ten more must be refused.
    const results = await Promise.allSettled(
      Array.from({ length: threads + threads * threads + 10 }, () => rasterizeOffThread(svg)),
    );
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(results.length - refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'unavailable', extras: { retryAfter: 1 } });
    }
  });
});
