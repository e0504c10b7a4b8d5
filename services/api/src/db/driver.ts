/**
 * The service's Slonik driver: node-postgres in pipeline mode, so that statements which need no
 * answer of their own travel with the next one (docs/architecture.md, Round trips).
 *
 * Slonik's own pg driver (@slonik/pg-driver) sends each statement and waits for its answer. This
 * one is built the same way, through `createDriverFactory` (@slonik/driver), on a node-postgres
 * client with `pipeline: true`: a statement is written as soon as it is queued, each with its own
 * Sync, and answers come back in order (node-postgres README, Pipelining; PostgreSQL
 * documentation, "Pipelining" in the frontend/backend protocol chapter). On top of that, a client
 * holds back two kinds of statement and writes them, in one write, in front of the next:
 *
 * - `START TRANSACTION` (Slonik's `transaction`): a transaction's first round trip disappears;
 * - a statement named with the `PIPELINED` prefix (`sql.prepared`): the binding of a request
 *   whose caller is already known (http/operation-stages.ts), which the next statement needs to
 *   have run but whose rows nobody reads.
 *
 * Held statements fail loudly: the first failure among them is the error of the statement they
 * travelled with (not the "current transaction is aborted" that PostgreSQL answers it), and a
 * transaction that ends before another statement is sent writes them with its COMMIT. A
 * transaction whose held statements were never sent is never opened: its ROLLBACK sends nothing.
 *
 * A held statement named with `READ_ONLY_PIPELINED` also makes its transaction read-only (it sets
 * `transaction_read_only`, which PostgreSQL enforces from then on). Such a transaction's COMMIT is
 * written and not waited for: it has nothing to commit, and whatever the connection runs next is
 * queued behind it on the same socket.
 */
import pg from 'pg';
import { parse as parseArray } from 'postgres-array';
import {
  BackendTerminatedError,
  BackendTerminatedUnexpectedlyError,
  CheckExclusionConstraintViolationError,
  CheckIntegrityConstraintViolationError,
  createDriverFactory,
  type DriverCommand,
  type DriverConfiguration,
  type DriverFactory,
  type DriverQueryResult,
  type DriverTypeParser,
  ForeignKeyIntegrityConstraintViolationError,
  IdleTransactionTimeoutError,
  InputSyntaxError,
  InvalidInputError,
  NotNullIntegrityConstraintViolationError,
  StatementCancelledError,
  StatementTimeoutError,
  UniqueIntegrityConstraintViolationError,
} from 'slonik';

/** A statement name with this prefix is held and written with the next statement. */
export const PIPELINED = 'pipelined_';
/** As `PIPELINED`, and the statement makes its transaction read-only. */
export const READ_ONLY_PIPELINED = 'pipelined_read_only_';

/**
 * A driver error as Slonik's errors name it, by SQLSTATE (the same mapping as Slonik's pg driver,
 * `wrapError`), so `instanceof UniqueIntegrityConstraintViolationError` and the rest hold.
 */
export function driverError(error: Error, query: { sql: string; values: readonly unknown[] } | null): Error {
  const message = error.message.toLowerCase();
  if (message.includes('connection terminated unexpectedly'))
    return new BackendTerminatedUnexpectedlyError(error);
  if (message.includes('connection terminated')) return new BackendTerminatedError(error);
  const cause = error as Error & { code: string };
  switch ((error as { code?: unknown }).code) {
    case '22P02':
      return new InvalidInputError(error.message);
    case '25P03':
      return new IdleTransactionTimeoutError(error);
    case '57P01':
      return new BackendTerminatedError(error);
    case '57014':
      return error.message.includes('canceling statement due to user request')
        ? new StatementCancelledError(error)
        : new StatementTimeoutError(error);
    case '23502':
      return new NotNullIntegrityConstraintViolationError(cause);
    case '23503':
      return new ForeignKeyIntegrityConstraintViolationError(cause);
    case '23505':
      return new UniqueIntegrityConstraintViolationError(cause);
    case '23P01':
      return new CheckExclusionConstraintViolationError(cause);
    case '23514':
      return new CheckIntegrityConstraintViolationError(cause);
    case '42601':
      return query ? new InputSyntaxError(error, { sql: query.sql, values: query.values as never }) : error;
    default:
      return error;
  }
}

type TypeParserLookup = (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;

/** Slonik's type parsers by the types' oids (looked up once), arrays of them included. */
async function typeParserLookup(
  config: pg.ClientConfig,
  typeParsers: readonly DriverTypeParser[],
): Promise<TypeParserLookup> {
  const parsers = new Map<number, (value: string) => unknown>();
  if (typeParsers.length > 0) {
    const client = new pg.Client(config);
    await client.connect();
    try {
      const { rows } = await client.query<{ oid: number; typarray: number; typname: string }>(
        'SELECT oid, typarray, typname FROM pg_type WHERE typname = ANY($1::text[])',
        [typeParsers.map((parser) => parser.name)],
      );
      for (const parser of typeParsers) {
        const row = rows.find((candidate) => candidate.typname === parser.name);
        if (!row) throw new Error(`Database type "${parser.name}" not found.`);
        parsers.set(row.oid, parser.parse);
        if (row.typarray)
          parsers.set(row.typarray, (value) => parseArray(value, (item) => parser.parse(item)));
      }
    } finally {
      await client.end();
    }
  }
  return (oid, format) =>
    parsers.get(oid) ?? (pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown);
}

function clientConfig(configuration: DriverConfiguration): pg.ClientConfig {
  const config: pg.ClientConfig = { connectionString: configuration.connectionUri };
  if (configuration.ssl) config.ssl = configuration.ssl;
  if (typeof configuration.password === 'string') config.password = configuration.password;
  if (configuration.connectionTimeout !== 'DISABLE_TIMEOUT')
    config.connectionTimeoutMillis = Math.max(configuration.connectionTimeout, 1);
  if (configuration.statementTimeout !== 'DISABLE_TIMEOUT')
    config.statement_timeout = Math.max(configuration.statementTimeout, 1);
  if (configuration.idleInTransactionSessionTimeout !== 'DISABLE_TIMEOUT')
    config.idle_in_transaction_session_timeout = Math.max(configuration.idleInTransactionSessionTimeout, 1);
  return config;
}

interface Statement {
  sql: string;
  values: readonly unknown[];
  name?: string | undefined;
}

/** The answer Slonik gets for a statement that was held (it reads nothing of it). */
function heldResult(command: string): DriverQueryResult {
  return { command: command as DriverCommand, fields: [], rowCount: 0, rows: [] };
}

function result(answer: pg.QueryResult): DriverQueryResult {
  return {
    command: answer.command as DriverCommand,
    fields: answer.fields.map((field) => ({ dataTypeId: field.dataTypeID, name: field.name })),
    rowCount: answer.rowCount,
    rows: answer.rows,
  };
}

/** One pooled connection: its node-postgres client and the statements it holds back. */
function pipelinedClient(client: pg.Client, onError: (error: Error) => void) {
  let held: Statement[] = [];
  let inTransaction = false;
  let readOnly = false;
  /** A COMMIT failed (by a held statement's error): the server already ended the transaction. */
  let ended = false;

  /** The last read-only COMMIT, written and not waited for. */
  let unawaited: Promise<void> = Promise.resolve();
  /** Statements written and not answered yet. */
  let inFlight = 0;
  const settled = () => {
    inFlight--;
  };

  const send = (statement: Statement): Promise<pg.QueryResult> => {
    inFlight++;
    const answer = client.query({
      text: statement.sql,
      values: statement.values as unknown[],
      ...(statement.name ? { name: statement.name } : {}),
    });
    answer.then(settled, settled);
    return answer;
  };

  /** Writes the held statements and `statement` in one write; the first failure is the error. */
  async function flush(statement: Statement): Promise<pg.QueryResult> {
    if (held.length === 0) {
      try {
        return await send(statement);
      } catch (error) {
        throw driverError(error as Error, statement);
      }
    }
    const batch = [...held, statement];
    held = [];
    const stream = client.connection.stream;
    stream.cork();
    const answers = batch.map(send);
    stream.uncork();
    const outcomes = await Promise.allSettled(answers);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'rejected')
        throw driverError(outcome.reason as Error, batch[index] ?? statement);
    }
    return (outcomes.at(-1) as PromiseFulfilledResult<pg.QueryResult>).value;
  }

  function endTransaction(sql: 'COMMIT' | 'ROLLBACK'): Promise<DriverQueryResult> | DriverQueryResult {
    const opened = held[0]?.sql !== 'START TRANSACTION';
    const wasReadOnly = readOnly;
    inTransaction = false;
    readOnly = false;
    // A rollback drops what was held: it would be undone anyway. If even START was held, the
    // transaction was never opened and there is nothing to end.
    if (sql === 'ROLLBACK') {
      held = [];
      const over = ended;
      ended = false;
      return opened && !over ? flush({ sql, values: [] }).then(result) : heldResult(sql);
    }
    if (!opened && held.length === 1) {
      held = [];
      return heldResult(sql);
    }
    if (wasReadOnly && held.length === 0) {
      unawaited = send({ sql, values: [] }).then(
        () => {},
        (error: unknown) => onError(driverError(error as Error, null)),
      );
      return heldResult(sql);
    }
    // Held statements are written with the COMMIT, which fails with the first of them that fails
    // (PostgreSQL has then rolled the transaction back: Slonik's ROLLBACK that follows is not sent).
    return flush({ sql, values: [] }).then(result, (error: unknown) => {
      ended = true;
      throw error;
    });
  }

  const query = async (
    sql: string,
    values: readonly unknown[] = [],
    name?: string,
  ): Promise<DriverQueryResult> => {
    if (sql === 'START TRANSACTION') {
      inTransaction = true;
      ended = false;
      held.push({ sql, values: [] });
      return heldResult('BEGIN');
    }
    if (name?.startsWith(PIPELINED)) {
      if (!inTransaction) throw new Error(`${name}: a pipelined statement belongs in a transaction.`);
      held.push({ sql, values, name });
      if (name.startsWith(READ_ONLY_PIPELINED)) readOnly = true;
      return heldResult('SELECT');
    }
    if (sql === 'COMMIT' || sql === 'ROLLBACK') return endTransaction(sql);
    return result(await flush({ sql, values, name }));
  };
  return {
    query,
    /** Statements are still unanswered (after `committed`, only ones some caller waits for). */
    busy: () => inFlight > 0,
    /** Settles once the COMMITs nobody waited for are answered. */
    committed: () => unawaited,
  };
}

/** `createPool(uri, { driverFactory: createPipelinedDriverFactory() })`. */
export function createPipelinedDriverFactory(): DriverFactory {
  return createDriverFactory(async ({ driverConfiguration }) => {
    const base = clientConfig(driverConfiguration);
    const getTypeParser = await typeParserLookup(base, driverConfiguration.typeParsers);
    return {
      createPoolClient: async ({ clientEventEmitter }) => {
        const password =
          typeof driverConfiguration.password === 'function'
            ? { password: await driverConfiguration.password() }
            : {};
        const client = new pg.Client({ ...base, ...password, pipeline: true, types: { getTypeParser } });
        const onError = (error: Error) => clientEventEmitter.emit('error', driverError(error, null));
        const onNotice = (notice: { message?: string }) => {
          if (notice.message) clientEventEmitter.emit('notice', { message: notice.message });
        };
        client.on('error', onError);
        client.on('notice', onNotice);
        const pipelined = pipelinedClient(client, (error) => clientEventEmitter.emit('error', error));
        return {
          connect: async () => {
            try {
              await client.connect();
            } catch (error) {
              client.removeListener('error', onError);
              client.removeListener('notice', onNotice);
              throw error;
            }
          },
          end: async () => {
            // A read-only COMMIT nobody waited for is answered at once: let it be, not cut off.
            await pipelined.committed();
            if (pipelined.busy()) {
              // node-postgres ends a pipelined client only once every statement is answered; one
              // still running (a job blocked on a lock at shutdown) would hold the end forever.
              // Without pipelining it cuts the connection instead, and so does this.
              const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
              client.connection.stream.destroy();
              await ended;
            } else await client.end();
            client.removeListener('error', onError);
            client.removeListener('notice', onNotice);
          },
          query: (sql, values, options) => pipelined.query(sql, values, options?.name),
          stream: () => {
            throw new Error('The service does not stream query results (src/db/driver.ts).');
          },
        };
      },
    };
  });
}
