/**
 * Keyset pagination (docs/architecture.md, Pagination): newest first by (created_at, id).
 * A cursor is base64url JSON `[list, createdAt, id]`: the list it belongs to
 * and the last row's keys. It is decoded strictly — anything else is
 * `invalid_cursor` — and only ever narrows a query that is already scoped to
 * the caller's account, so it cannot reach another tenant's rows.
 */
import { type FragmentSqlToken, sql } from 'slonik';
import { isTimestamp } from './calendar.ts';
import { DomainError } from './errors.ts';
import { isStorableText } from './text.ts';

export interface Position {
  createdAt: string;
  id: string;
}

/**
 * A position in a list ordered by a text key before (created_at, id), e.g. a
 * character's differences by expression (docs/products/studio.md).
 */
export interface KeyedPosition extends Position {
  key: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(list: string, position: Position, key?: string): string {
  const parts = [list, position.createdAt, position.id, ...(key === undefined ? [] : [key])];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function invalidCursor(): DomainError {
  return new DomainError(
    'invalid_cursor',
    'The cursor is malformed or belongs to another list; start again without it.',
    {
      errors: [{ path: '/query/cursor', message: 'is not a cursor of this list' }],
    },
  );
}

const MAX_KEY_LENGTH = 100;

function decodeParts(list: string, cursor: string, keyed: boolean): KeyedPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== (keyed ? 4 : 3)) throw invalidCursor();
  const [owner, createdAt, id, key = ''] = decoded;
  const valid =
    owner === list &&
    typeof createdAt === 'string' &&
    // A real instant, not just its shape: `Date.parse` takes 2026-02-30, PostgreSQL does not.
    RFC3339_UTC.test(createdAt) &&
    isTimestamp(createdAt) &&
    typeof id === 'string' &&
    UUID.test(id) &&
    typeof key === 'string' &&
    key.length <= MAX_KEY_LENGTH &&
    isStorableText(key);
  if (!valid) throw invalidCursor();
  return { createdAt, id, key };
}

export function decodeCursor(list: string, cursor: string | undefined): Position | null {
  if (cursor === undefined) return null;
  const { createdAt, id } = decodeParts(list, cursor, false);
  return { createdAt, id };
}

/**
 * `AND (created_at, id) < (…)` after a cursor, nothing on the first page. `timeColumn` names the
 * list's time when it is not `created_at` (a licence's `issued_at`, a delivery's `received_at`).
 */
export function afterPosition(
  position: Position | null,
  table?: string,
  timeColumn = 'created_at',
): FragmentSqlToken {
  if (!position) return sql.fragment``;
  const createdAt = table ? sql.identifier([table, timeColumn]) : sql.identifier([timeColumn]);
  const id = table ? sql.identifier([table, 'id']) : sql.identifier(['id']);
  return sql.fragment`AND (${createdAt}, ${id}) < (${position.createdAt}::timestamptz, ${position.id}::uuid)`;
}

/** `AND (key > … OR (key = … AND (created_at, id) < …))` after a keyed cursor, nothing on the first page. */
export function afterKeyedPosition(position: KeyedPosition | null, keyColumn: string): FragmentSqlToken {
  if (!position) return sql.fragment``;
  const key = sql.identifier([keyColumn]);
  return sql.fragment`AND (${key} > ${position.key} OR (${key} = ${position.key} ${afterPosition(position)}))`;
}

/**
 * Runs a keyset query for one page: `fetch` gets the position to continue
 * after and how many rows to take (one more than the page, to know whether
 * another page follows).
 */
export async function paginate<T extends Position>(
  list: string,
  request: PageRequest,
  fetch: (after: Position | null, take: number) => Promise<readonly T[]>,
): Promise<Page<T>> {
  const limit = request.limit ?? DEFAULT_LIMIT;
  const rows = await fetch(decodeCursor(list, request.cursor), limit + 1);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(list, last) : null };
}

/**
 * `paginate` for a list ordered by `keyOf(row)` first, then newest first:
 * the cursor carries the key too, and `fetch` continues after it with
 * `(key > after.key OR (key = after.key AND (created_at, id) < …))`.
 */
export async function paginateByKey<T extends Position>(
  list: string,
  request: PageRequest,
  keyOf: (row: T) => string,
  fetch: (after: KeyedPosition | null, take: number) => Promise<readonly T[]>,
): Promise<Page<T>> {
  const limit = request.limit ?? DEFAULT_LIMIT;
  const after = request.cursor === undefined ? null : decodeParts(list, request.cursor, true);
  const rows = await fetch(after, limit + 1);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(list, last, keyOf(last)) : null };
}
