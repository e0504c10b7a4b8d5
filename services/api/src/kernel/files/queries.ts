/** platform.files, one function per statement; every statement names the account (RLS checks it too). */
import { files } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../pagination.ts';
import type { FileMetadata } from './inspect.ts';

const StoredFileRecord = Type.Object({ ...files.File.properties, accountId: Type.String() });
const FileWithBytes = Type.Object({ ...StoredFileRecord.properties, bytes: Type.Unsafe<Buffer>({}) });

/** A file's metadata (contract `File`) and its owner. */
export type StoredFile = Static<typeof StoredFileRecord>;

const StoredFileRow = rowType(StoredFileRecord);
const FileWithBytesRow = rowType(FileWithBytes);

const fileColumns = sql.fragment`
  id, account_id AS "accountId", content_type AS "contentType", size, etag, filename,
  width, height, duration_ms AS "durationMs", sample_rate AS "sampleRate", channels, codec,
  created_at AS "createdAt"
`;

export interface NewFile {
  accountId: string;
  contentType: StoredFile['contentType'];
  etag: string;
  filename: string | null;
  metadata: FileMetadata;
  bytes: Buffer;
}

export function insertFile(db: CommonQueryMethods, file: NewFile) {
  const { width, height, durationMs, sampleRate, channels, codec } = file.metadata;
  return db.one(sql.type(StoredFileRow)`
    INSERT INTO platform.files (
      account_id, content_type, size, etag, filename,
      width, height, duration_ms, sample_rate, channels, codec, bytes
    )
    VALUES (
      ${file.accountId}, ${file.contentType}, ${file.bytes.length}, ${file.etag}, ${file.filename},
      ${width}, ${height}, ${durationMs}, ${sampleRate}, ${channels}, ${codec}, ${sql.binary(file.bytes)}
    )
    RETURNING ${fileColumns}
  `);
}

export function findFile(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(FileWithBytesRow)`
    SELECT ${fileColumns}, bytes FROM platform.files WHERE account_id = ${accountId} AND id = ${id}
  `);
}

/** A file the transaction's caller may read (RLS decides: its own, or one shared with it), without bytes. */
export function findReadableFile(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(StoredFileRow)`
    SELECT ${fileColumns} FROM platform.files WHERE id = ${id}
  `);
}

const BytesRow = rowType(Type.Object({ bytes: Type.Unsafe<Buffer>({}) }));

/**
 * A readable file's bytes, or `length` of them from `offset` (0-based). The column is stored
 * EXTERNAL (uncompressed), so PostgreSQL fetches only the TOAST chunks a substring covers
 * (PostgreSQL docs, 73.2 TOAST): a seek in a long recording reads what it plays.
 */
export function readFileBytes(
  db: CommonQueryMethods,
  id: string,
  part: { offset: number; length: number } | null,
) {
  const bytes = part
    ? sql.fragment`substring(bytes FROM ${part.offset + 1} FOR ${part.length})`
    : sql.fragment`bytes`;
  return db.maybeOne(sql.type(BytesRow)`
    SELECT ${bytes} AS bytes FROM platform.files WHERE id = ${id}
  `);
}

export function listFiles(db: CommonQueryMethods, accountId: string, after: Position | null, take: number) {
  return db.any(sql.type(StoredFileRow)`
    SELECT ${fileColumns} FROM platform.files
    WHERE account_id = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

/** True when the account had such a file. */
export async function deleteFile(db: CommonQueryMethods, accountId: string, id: string): Promise<boolean> {
  const deleted = await db.query(sql.type(NoRows)`
    DELETE FROM platform.files WHERE account_id = ${accountId} AND id = ${id}
  `);
  return deleted.rowCount > 0;
}
