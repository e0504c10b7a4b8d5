/**
 * Benchmarks a ticket purchase, `POST /v1/nex/ticket-orders` (one free ticket each time: the
 * reservation — conditional UPDATEs of the event's `taken` and the ticket type's `sold` —, the
 * order row and the sealed ticket, 201), against raw PostgreSQL running the same statements:
 * nex.reserve_tickets and the ticket INSERT in one transaction (pgbench, prepared). Same
 * conditions on both sides: one buyer, one event and one ticket type, so every purchase queues
 * on the same two rows, as a popular event's would.
 *
 *   node bench/nex-tickets.ts        (from the repository root, with its Node 24)
 *
 * A paid ticket adds the payment provider's round trip and, on its confirmation, the ledger: the
 * live half's paid tickets are not wired to a provider yet, so this measures the free purchase.
 *
 * Environment: DATABASE_URL (a 127.0.0.1 server, default
 * postgres://postgres@127.0.0.1:5432/postgres; its user must be a superuser),
 * BENCH_DURATION (seconds per target, default 10), BENCH_WARMUP (default 2),
 * BENCH_KEEP_DB=1 to keep the `yorozu_bench_tickets` database.
 *
 * It prints the table and the ratio; it asserts none of them.
 */
import { insertApiKey, logLoadSettings } from './lib/fixtures.ts';
import {
  connectAdmin,
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
  startChild,
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench_tickets';
const TARGET_VS_PGBENCH = 0.3;

interface Fixture {
  databaseUrl: string;
  buyerId: string;
  organizerId: string;
  eventId: string;
  ticketTypeId: string;
  apiKey: string;
}

/** An organizer with a published free event of a million tickets, and a buyer with a `nex:write` key. */
async function prepareFixture(): Promise<Fixture> {
  const databaseUrl = await freshDatabase(DATABASE_NAME);
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ buyer: string; organizer: string; event: string; type: string }>(
      `WITH accounts AS (
         INSERT INTO platform.accounts (id, email, password_hash, name)
         VALUES (gen_random_uuid(), 'bench-buyer@example.com', 'not-a-password-hash', 'Buyer'),
                (gen_random_uuid(), 'bench-organizer@example.com', 'not-a-password-hash', 'Organizer')
         RETURNING id, email
       ), organizer AS (
         INSERT INTO nex.creators (account_id, username, birth_date)
         SELECT id, 'bench_organizer', '1990-01-01' FROM accounts WHERE email = 'bench-organizer@example.com'
         RETURNING account_id
       ), event AS (
         INSERT INTO nex.events (account_id, title, event_type, starts_at, ends_at, timezone, is_free, status, published_at)
         SELECT account_id, 'Bench', 'online', now() + interval '30 days', now() + interval '30 days 2 hours',
                'Asia/Tokyo', true, 'published', now()
         FROM organizer
         RETURNING id, account_id
       ), type AS (
         INSERT INTO nex.ticket_types (event_id, account_id, name, price_amount, quantity)
         SELECT id, account_id, 'General', 0, 1000000 FROM event
         RETURNING id, event_id, account_id
       )
       SELECT (SELECT id FROM accounts WHERE email = 'bench-buyer@example.com') AS buyer,
              type.account_id AS organizer, type.event_id AS event, type.id AS type
       FROM type`,
    );
    const { buyer, organizer, event, type } = rows[0]!;
    const apiKey = await insertApiKey(client, buyer, ['nex:write']);
    return {
      databaseUrl,
      buyerId: buyer,
      organizerId: organizer,
      eventId: event,
      ticketTypeId: type,
      apiKey,
    };
  });
}

/**
 * The purchase as src/modules/nex/live/ticket-queries.ts runs it: the reservation function
 * (bound to the buyer, as the service binds the request) and the ticket row, in one transaction.
 * pgbench's code is random text of the service's code length; the service seals the ticket id.
 */
const PURCHASE_SQL = `BEGIN;
SELECT set_config('app.account_id', :buyer, true);
WITH o AS (SELECT nex.reserve_tickets(:type, 1, NULL, make_interval(secs => 600)) AS id)
INSERT INTO nex.tickets (id, order_id, seq, account_id, event_id, ticket_type_id, organizer_id, code)
SELECT gen_random_uuid(), o.id, 1, :buyer, :event, :type, :organizer, md5(random()::text) || md5(random()::text)
FROM o;
END;
`;

async function measureService(fixture: Fixture): Promise<Measurement> {
  const server = await startChild<{ url: string; poolSize: number }>('api-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
  });
  try {
    const url = `${server.info.url}/v1/nex/ticket-orders`;
    const headers = { authorization: `Bearer ${fixture.apiKey}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ ticketTypeId: fixture.ticketTypeId, quantity: 1 });
    const first = await fetch(url, { method: 'POST', headers, body });
    if (first.status !== 201)
      throw new Error(`POST ${url} → ${first.status}: ${await first.text()}; expected 201`);
    log(`service at ${server.info.url} (pool ${server.info.poolSize}): a purchase issues a ticket (201)`);
    return await load(
      'service: POST /v1/nex/ticket-orders (api-key, RLS)',
      url,
      headers,
      server.pid,
      { method: 'POST', body },
      201,
    );
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  logLoadSettings(DATABASE_NAME);
  const fixture = await prepareFixture();
  await connectAdmin();

  log('measuring pgbench …');
  const pgbench = await runPgbench({
    target: 'pgbench: reserve_tickets + INSERT ticket, -M prepared',
    databaseUrl: fixture.databaseUrl,
    script: PURCHASE_SQL,
    variables: {
      buyer: fixture.buyerId,
      type: fixture.ticketTypeId,
      event: fixture.eventId,
      organizer: fixture.organizerId,
    },
  });
  log('measuring the service …');
  const service = await measureService(fixture);
  const counts = await withClient(fixture.databaseUrl, async (client) => {
    const { rows } = await client.query<{ sold: string; orders: string; tickets: string }>(
      `SELECT (SELECT sold FROM nex.ticket_types WHERE id = $1) AS sold,
              (SELECT count(*) FROM nex.ticket_orders WHERE ticket_type_id = $1) AS orders,
              (SELECT count(*) FROM nex.tickets WHERE ticket_type_id = $1) AS tickets`,
      [fixture.ticketTypeId],
    );
    return rows[0]!;
  });

  printTable([pgbench, service]);
  printRatio(service, pgbench, 'pgbench', TARGET_VS_PGBENCH, `>= ${TARGET_VS_PGBENCH.toFixed(2)}`);
  console.log(
    [
      `After both runs: sold ${counts.sold}, orders ${counts.orders}, tickets ${counts.tickets} (they must be equal).`,
      'Notes: pgbench connects as the superuser (no RLS policies apply to it) and runs only the purchase (the',
      'reservation function and the ticket INSERT, one transaction); the service authenticates the key, binds the',
      'account (RLS), reads the ticket type and event, reserves, reads the order back, seals the ticket code,',
      'inserts the ticket under its INSERT policy, reads the tickets and writes the audit row, in one transaction as',
      'yorozu_app. Every purchase on both sides locks the same event and ticket-type rows, which serialises them.',
      `CPU µs/req: app = the Node server (pgbench's own process for pgbench), PG = that target's backends. Now: ${loadNote()}.`,
    ].join('\n'),
  );
  saveRun('last-nex-tickets', { results: [pgbench, service] });
}

await runBench(2, main);
