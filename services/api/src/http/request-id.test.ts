import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id.ts';

const withHeaders = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('request ids', () => {
  it('are distinct and well-formed across refills of the random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => requestIdFor(withHeaders({})));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it("keep a client's well-formed X-Request-Id and replace a malformed one", () => {
    expect(requestIdFor(withHeaders({ 'x-request-id': 'client-id-1234' }))).toBe('client-id-1234');
    expect(requestIdFor(withHeaders({ 'x-request-id': 'bad id' }))).toMatch(/^req_[0-9a-f]{24}$/);
  });
});
