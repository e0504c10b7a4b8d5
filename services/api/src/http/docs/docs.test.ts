import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.ts';

const { app } = await testApp();

const committed = JSON.parse(
  await readFile(new URL('../../../../../spec/openapi.json', import.meta.url), 'utf8'),
);

describe('docs pages', () => {
  it('serves the committed spec at /openapi.json, its one server being the origin the request came to', async () => {
    const served = await app.inject({
      method: 'GET',
      url: '/openapi.json',
      headers: { host: 'api.test:8443' },
    });
    expect(served.statusCode).toBe(200);
    const { servers, ...rest } = served.json();
    const { servers: _committedServers, ...committedRest } = committed;
    expect(rest).toEqual(committedRest);
    expect(servers).toEqual([{ url: 'http://api.test:8443', description: 'This server' }]);
  });

  it('serves Swagger UI at /docs with Yorozu’s title and logo, pointed at /openapi.json, under a CSP', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<title>Yorozu API · Swagger UI</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain('"url":"/openapi.json"');
    const logo = /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(initializer.body)?.[1];
    expect(Buffer.from(logo ?? '', 'base64').toString()).toContain('Yorozu API');
    const json = await app.inject({ method: 'GET', url: '/docs/json', headers: { host: 'docs.test' } });
    expect(json.json().servers).toEqual([{ url: 'http://docs.test', description: 'This server' }]);
  });

  it('serves the Redoc reference at /reference from the npm package, with no other origin', async () => {
    const page = await app.inject({ method: 'GET', url: '/reference' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Yorozu API · Reference</title>');
    expect(page.body).not.toMatch(/<script>|https?:\/\//);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const bundle = await app.inject({ method: 'GET', url: '/reference/redoc.standalone.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('text/javascript');
    expect(bundle.body.length).toBeGreaterThan(100_000);
    const start = await app.inject({ method: 'GET', url: '/reference/start.js' });
    expect(start.body).toContain('Redoc.init("/openapi.json"');
  });
});
