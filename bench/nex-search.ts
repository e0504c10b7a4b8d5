/**
 * Benchmarks anonymous artwork search, `GET /v1/nex/artworks?q=夕焼け&limit=20`, over 100 000
 * published artworks with Japanese titles (docs/products/nex.md, Search), against pgbench running
 * the same SQL (the statement of services/api/src/modules/nex/artwork-queries.ts `searchArtworks`
 * for a relevance-sorted first page, written out), at 32 connections.
 *
 *   node bench/nex-search.ts        (from the repository root, with its Node 24)
 *
 * Environment: DATABASE_URL (a 127.0.0.1 superuser URL), BENCH_DURATION, BENCH_WARMUP,
 * BENCH_KEEP_DB=1 (see bench/lib/harness.ts). It prints the table and the ratio; it asserts none.
 */
import {
  CONNECTIONS,
  connectAdmin,
  duration,
  freshDatabase,
  load,
  loadNote,
  log,
  type Measurement,
  printRatio,
  printTable,
  runBench,
  runPgbench,
  saveRun,
  serverUrl,
  startChild,
  warmup,
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench_nex';
const ARTWORKS = 100_000;
const CREATORS = 1_000;
const PAGE = 20;
const QUERY = '夕焼け';
/** The service's bound on ranked matches (services/api/src/modules/nex/search.ts, CANDIDATES). */
const CANDIDATES = 1000;

// Titles from Japanese words without katakana or Latin letters, so the folded search columns equal
// the text itself (folding is NFKC, lower case and katakana to hiragana: a no-op here).
const SEED_SQL = `
INSERT INTO platform.accounts (id, email, password_hash, name, created_at)
SELECT gen_random_uuid(), format('nex-bench-%s@example.com', c), 'not-a-password-hash', 'bench', now()
FROM generate_series(1, ${CREATORS}) c;
INSERT INTO nex.creators (account_id, username, birth_date)
SELECT id, 'b_' || substr(md5(id::text), 1, 24), date '1990-01-01' FROM platform.accounts;
WITH words AS (
  SELECT ARRAY['夕焼け', '海', '桜', '雪', '月夜', '森', '猫', '空', '街角', '花火', '雨', '星', '風', '夏祭り', '川'] AS w
), made AS (
  SELECT g, w[1 + g % 15] || 'の' || w[1 + (g / 15) % 15] || ' ' || g AS title, cr.account_id
  FROM generate_series(1, ${ARTWORKS}) g
  CROSS JOIN words
  JOIN LATERAL (SELECT account_id FROM nex.creators OFFSET g % ${CREATORS} LIMIT 1) cr ON true
)
INSERT INTO nex.artworks (account_id, title, description, category_id, status, published_at, like_count,
                          search_title, search_text, created_at)
SELECT account_id, title, '水彩で描いた作品です', (SELECT id FROM nex.categories WHERE slug = 'landscape'),
       'published', now() - g * interval '1 minute', g % 97, title, title || E'\\n水彩で描いた作品です',
       now() - g * interval '1 minute'
FROM made;
`;

/** The service's statement for `?q=夕焼け&limit=20` (relevance over the newest CANDIDATES matches; one LIKE per word), LIMIT page + 1. */
const SEARCH_SQL = `SELECT a.id, c.username, a.title, a.description, cat.slug,
  ARRAY(SELECT t.name FROM nex.artwork_tags at JOIN nex.tags t ON t.id = at.tag_id WHERE at.artwork_id = a.id ORDER BY t.name) AS tags,
  a.file_id, a.price_amount, a.currency, a.is_free, a.license_type, a.is_adult_content, a.status, a.view_count, a.like_count,
  a.comment_count, a.published_at, a.created_at, a.updated_at, sort_key::text
FROM nex.artworks a JOIN nex.creators c ON c.account_id = a.account_id JOIN nex.categories cat ON cat.id = a.category_id,
  LATERAL (SELECT ((CASE WHEN a.search_title LIKE '%${QUERY}%' THEN 1000 ELSE 0 END)
                   + round(1000 * public.similarity(a.search_title, '${QUERY}')))::bigint AS sort_key) k
WHERE a.status = 'published' AND a.id IN (
  SELECT s.artwork_id FROM nex.artwork_search s WHERE s.search_text LIKE '%${QUERY}%'
  ORDER BY s.published_at DESC, s.artwork_id DESC LIMIT ${CANDIDATES})
ORDER BY sort_key DESC, a.created_at DESC, a.id DESC LIMIT ${PAGE + 1}`;

async function prepare(): Promise<string> {
  const databaseUrl = await freshDatabase(DATABASE_NAME);
  await withClient(databaseUrl, async (client) => {
    const started = performance.now();
    await client.query(SEED_SQL);
    await client.query('VACUUM ANALYZE nex.artworks, nex.creators, nex.artwork_search');
    const { rows } = await client.query<{ matches: string }>(
      `SELECT count(*) AS matches FROM nex.artworks WHERE search_text LIKE '%${QUERY}%'`,
    );
    log(
      `seeded ${ARTWORKS} artworks (${rows[0]!.matches} match ${QUERY}) in ${Math.round(performance.now() - started)} ms`,
    );
  });
  return databaseUrl;
}

async function measureService(databaseUrl: string, expected: string[]): Promise<Measurement> {
  const server = await startChild<{ url: string }>('api-server.ts', { DATABASE_URL: databaseUrl });
  try {
    const url = `${server.info.url}/v1/nex/artworks?q=${encodeURIComponent(QUERY)}&limit=${PAGE}`;
    const response = await fetch(url);
    const body = (await response.json()) as { data: { id: string }[]; nextCursor: string | null };
    const ids = body.data.map((row) => row.id);
    if (ids.join() !== expected.join() || !body.nextCursor) {
      throw new Error('the service returned another first page than the SQL');
    }
    log(`service at ${server.info.url}: first page and cursor match the SQL`);
    return await load(`service: GET /v1/nex/artworks?q=${QUERY} (anonymous)`, url, {}, server.pid);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  log(
    `${CONNECTIONS} connections, ${warmup} s warm-up + ${duration} s per target; database ${DATABASE_NAME} on ` +
      `${new URL(serverUrl).host}; ${loadNote()}`,
  );
  const databaseUrl = await prepare();
  await connectAdmin();
  const expected = await withClient(databaseUrl, async (client) =>
    (await client.query<{ id: string }>(SEARCH_SQL)).rows.slice(0, PAGE).map((row) => row.id),
  );
  const pgbench = await runPgbench({
    target: 'pgbench: search SQL, -M prepared',
    databaseUrl,
    script: `${SEARCH_SQL};\n`,
    variables: {},
  });
  const service = await measureService(databaseUrl, expected);
  printTable([pgbench, service]);
  printRatio(service, pgbench, 'pgbench', 0.3, '>= 0.30');
  console.log(
    'Notes: pgbench runs as the superuser (no RLS); the service runs the statement as yorozu_app under RLS, anonymous ' +
      '(no account bound), and answers { data, nextCursor } with the rows validated and serialised.',
  );
  saveRun('nex-search', { results: [pgbench, service] });
}

await runBench(2, main);
