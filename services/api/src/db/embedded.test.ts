import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded.ts';

describe('embedded PostgreSQL', () => {
  it.runIf(process.getuid?.() === 0)(
    'starts as root from a private (0700) folder, keeping the data where its unprivileged user can reach it',
    { timeout: 60_000 },
    async () => {
      const privateDir = await mkdtemp(join(tmpdir(), 'yorozu-private-'));
      expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
      const requested = join(privateDir, '.data', 'postgres');
      const server = await startEmbeddedPostgres(requested, { persistent: false });
      try {
        expect(server.dataDir).not.toBe(requested);
        expect((await stat(server.dataDir)).mode & 0o777).toBe(0o700);
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        const { rows } = await client.query('SHOW data_directory');
        await client.end();
        expect(rows[0].data_directory).toBe(server.dataDir);
      } finally {
        await server.stop();
        await rm(privateDir, { recursive: true, force: true });
      }
      expect(existsSync(server.dataDir)).toBe(false);
    },
  );

  it('reports a failure to start in one line the user can act on', async () => {
    const failure = await startEmbeddedPostgres('/dev/null/postgres', { persistent: false }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(EmbeddedPostgresError);
    expect((failure as Error).message).toMatch(/DATABASE_URL/);
    expect((failure as Error).message).not.toContain('\n');
  });
});
