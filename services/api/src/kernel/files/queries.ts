/**
 * platform.files and the chunks of their bytes (platform.file_chunks), one function per statement;
 * every statement that is not a read of a file the caller may read names the account (RLS checks it too).
 */
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
  size: number;
  etag: string;
  filename: string | null;
  metadata: FileMetadata;
}

/** The file's row; its bytes follow as chunks (`insertChunk`), in the same transaction. */
export function insertFile(db: CommonQueryMethods, file: NewFile) {
  const { width, height, durationMs, sampleRate, channels, codec } = file.metadata;
  return db.one(sql.type(StoredFileRow)`
    INSERT INTO platform.files (
      account_id, content_type, size, etag, filename,
      width, height, duration_ms, sample_rate, channels, codec
    )
    VALUES (
      ${file.accountId}, ${file.contentType}, ${file.size}, ${file.etag}, ${file.filename},
      ${width}, ${height}, ${durationMs}, ${sampleRate}, ${channels}, ${codec}
    )
    RETURNING ${fileColumns}
  `);
}

/** One chunk of a file's bytes, `firstByte` being the position of its first byte in the file. */
export interface Chunk {
  firstByte: number;
  bytes: Buffer;
}

export async function insertChunk(db: CommonQueryMethods, file: StoredFile, chunk: Chunk): Promise<void> {
  await db.query(sql.type(NoRows)`
    INSERT INTO platform.file_chunks (file_id, account_id, first_byte, bytes)
    VALUES (${file.id}, ${file.accountId}, ${chunk.firstByte}, ${sql.binary(chunk.bytes)})
  `);
}

/** The account's file with all its bytes, joined in order (for the service's own use of small files). */
export function findFile(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(FileWithBytesRow)`
    SELECT ${fileColumns}, (
      SELECT string_agg(c.bytes, ''::bytea ORDER BY c.first_byte) FROM platform.file_chunks c WHERE c.file_id = f.id
    ) AS bytes
    FROM platform.files f WHERE account_id = ${accountId} AND id = ${id}
  `);
}

/** The account's file, without bytes. */
export function findOwnFile(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(StoredFileRow)`
    SELECT ${fileColumns} FROM platform.files WHERE account_id = ${accountId} AND id = ${id}
  `);
}

/** A file the transaction's caller may read (RLS decides: its own, or one shared with it), without bytes. */
export function findReadableFile(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(StoredFileRow)`
    SELECT ${fileColumns} FROM platform.files WHERE id = ${id}
  `);
}

const ChunkRow = rowType(Type.Object({ firstByte: Type.Number(), bytes: Type.Unsafe<Buffer>({}) }));

/**
 * The chunk of a readable file that holds the byte at `position` (0-based): the last one starting
 * at or before it, found on the primary key. Null when the caller may not read the file (RLS:
 * file_chunks_read), or it is gone.
 */
export function readChunk(db: CommonQueryMethods, fileId: string, position: number) {
  return db.maybeOne(sql.type(ChunkRow)`
    SELECT first_byte AS "firstByte", bytes FROM platform.file_chunks
    WHERE file_id = ${fileId} AND first_byte <= ${position}
    ORDER BY first_byte DESC
    LIMIT 1
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
