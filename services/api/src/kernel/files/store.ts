/**
 * The file store (docs/architecture.md, Files and generated images): a small interface, with
 * PostgreSQL as the default adapter, a file's bytes in chunks of CHUNK_BYTES (platform.file_chunks).
 * An S3 adapter would keep the same rows for metadata (listing, ownership, RLS) and put the
 * bytes in a bucket. Every file is checked on the way in, whoever stores it: its type
 * is sniffed from the bytes, an SVG must be safe (svg.ts), audio readable
 * (audio.ts), a PDF or ZIP whole (documents.ts).
 *
 * Bytes come in as a Buffer (the service's own renders, small uploads) or as an upload spooled to
 * a temporary file (spool.ts), which is inspected and written chunk by chunk from its file; they
 * go out as a stream that reads one chunk at a time. Neither direction holds a large file whole.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError } from '../errors.ts';
import type { Position } from '../pagination.ts';
import { inspectFileOffThread } from '../threads/pool.ts';
import { pixelLimitProblem } from './dimensions.ts';
import type { FileMetadata } from './inspect.ts';
import {
  type Chunk,
  deleteFile,
  findFile,
  findOwnFile,
  findReadableFile,
  insertChunk,
  insertFile,
  listFiles,
  readChunk,
  type StoredFile,
} from './queries.ts';
import { type FileKind, type FileType, kindOf, sniffFileType } from './sniff.ts';
import { type FileBody, headOf, readAt, sizeOf } from './spool.ts';

/** The most bytes a client may upload, per kind (FILE_MAX_BYTES, AUDIO_MAX_BYTES, VIDEO_MAX_BYTES, PDF_MAX_BYTES, ZIP_MAX_BYTES). */
export type FileLimits = Readonly<Record<FileKind, number>>;

export type { StoredFile };

export interface NewStoredFile {
  accountId: string;
  /** A Buffer, or an upload spooled to a file (which the caller discards once the request ends). */
  bytes: FileBody;
  /** What the caller produced; checked against the bytes. Sniffed when absent. */
  contentType?: FileType;
  /** The name downloads are saved under. */
  filename?: string;
  /**
   * The most pixels the image may declare (IMAGE_MAX_PIXELS), for files a
   * client sent: decoding a larger one could exhaust memory. The service's
   * own renders, sized by the service, are stored without one.
   */
  maxPixels?: number;
  /** Size limits per kind, for files a client sent; the service's own renders have none. */
  maxBytes?: FileLimits;
}

export interface FileStore {
  /**
   * Throws `validation_failed` when the bytes are not a supported type, an unsafe SVG, an image of too
   * many pixels or unreadable audio, and `payload_too_large` when over their kind's limit.
   */
  put(db: DatabaseTransactionConnection, file: NewStoredFile): Promise<StoredFile>;
  get(
    db: DatabaseTransactionConnection,
    accountId: string,
    id: string,
  ): Promise<(StoredFile & { bytes: Buffer }) | null>;
  /**
   * The account's own file without its bytes: what a product checks before it refers to a file
   * (an artwork's media, a product's download, a recording's duration), where reading every
   * chunk of a file of up to hundreds of megabytes would be waste.
   */
  findOwn(db: DatabaseTransactionConnection, accountId: string, id: string): Promise<StoredFile | null>;
  /** A file the caller may read (its own, or one shared with it, docs/architecture.md), without its bytes. */
  find(db: DatabaseTransactionConnection, id: string): Promise<StoredFile | null>;
  /**
   * `length` bytes from `offset` of a file the caller may read, as a stream read a chunk at a time:
   * the first chunk in `db`, so that null (the caller may not read it) comes before any byte is
   * sent, the others each through `later`, after the request's transaction. A file deleted
   * meanwhile ends the stream with an error.
   */
  stream(
    db: DatabaseTransactionConnection,
    id: string,
    part: { offset: number; length: number },
    later: ReadLater,
  ): Promise<Readable | null>;
  list(
    db: DatabaseTransactionConnection,
    accountId: string,
    after: Position | null,
    take: number,
  ): Promise<readonly StoredFile[]>;
  /** False when the account has no such file. */
  delete(db: DatabaseTransactionConnection, accountId: string, id: string): Promise<boolean>;
}

/**
 * Runs a read in a short transaction of its own, bound to the caller the request was bound to
 * (kernel/tenancy.ts, `withAccount`): a download streams after its request's COMMIT, holding no
 * connection between chunks.
 */
export type ReadLater = <T>(read: (db: DatabaseTransactionConnection) => Promise<T>) => Promise<T>;

/**
 * The size of the chunks a file's bytes are stored in: a download or an upload holds one at a
 * time, and a range reads at most two it does not send. Reads find a chunk by its first byte's
 * position, so files stored with another size stay readable.
 */
export const CHUNK_BYTES = 256 * 1024;

const refused = (message: string) =>
  new DomainError('validation_failed', `The file is refused: ${message}.`, {
    errors: [{ path: '/body', message }],
  });

/**
 * Strong and content-derived: the same bytes always get the same tag (128 bits of SHA-256). A
 * spooled upload's hash was taken as it streamed in.
 */
export function etagOf(body: FileBody): string {
  const digest = Buffer.isBuffer(body) ? createHash('sha256').update(body).digest() : body.sha256;
  return `"${digest.toString('base64url').slice(0, 22)}"`;
}

/**
 * The size limit for a file that starts with `head`, and the 413 that refuses it: its kind's limit,
 * or, for bytes of no supported type (refused anyway once whole), the image limit, so that
 * nothing unrecognised is read past it.
 */
export function sizeLimitOf(head: Buffer, maxBytes: FileLimits): { limit: number; refusal: DomainError } {
  const type = sniffFileType(head);
  const limit = maxBytes[type ? kindOf(type) : 'image'];
  return {
    limit,
    refusal: new DomainError(
      'payload_too_large',
      type
        ? `The file is ${type}, whose limit is ${limit} bytes.`
        : `The file is of no supported type; at most ${limit} bytes of it are read.`,
    ),
  };
}

/**
 * The kind's size limit is checked on the signature alone (a cheap look at the first bytes, on the
 * event loop), before the bytes are handed to a parser. Uploads are also checked while they
 * stream in (the files route's `uploadLimit`); this covers every other caller.
 */
function checkSize(file: NewStoredFile): void {
  const head = headOf(file.bytes);
  const type = file.maxBytes && sniffFileType(head);
  if (!file.maxBytes || !type) return;
  const { limit, refusal } = sizeLimitOf(head, file.maxBytes);
  if (sizeOf(file.bytes) > limit) throw refusal;
}

/** The media type and metadata of bytes that may be stored; throws the reason they may not. */
async function check(file: NewStoredFile): Promise<{ contentType: FileType; metadata: FileMetadata }> {
  checkSize(file);
  const { bytes } = file;
  const inspection = await inspectFileOffThread(
    Buffer.isBuffer(bytes) ? bytes : { path: bytes.path, size: bytes.size },
  );
  if (inspection.problem !== null) throw refused(inspection.problem);
  const { metadata } = inspection;
  if (file.maxPixels !== undefined && metadata.width !== null && metadata.height !== null) {
    const tooLarge = pixelLimitProblem({ width: metadata.width, height: metadata.height }, file.maxPixels);
    if (tooLarge) throw refused(`it ${tooLarge}`);
  }
  return inspection;
}

/** The body's bytes in chunks of CHUNK_BYTES (the last one shorter), each with its position. */
async function* chunksOf(body: FileBody): AsyncGenerator<Chunk> {
  if (Buffer.isBuffer(body)) {
    for (let firstByte = 0; firstByte < body.length; firstByte += CHUNK_BYTES) {
      yield { firstByte, bytes: body.subarray(firstByte, firstByte + CHUNK_BYTES) };
    }
    return;
  }
  const handle = await open(body.path, 'r');
  try {
    for (let firstByte = 0; firstByte < body.size; firstByte += CHUNK_BYTES) {
      const length = Math.min(CHUNK_BYTES, body.size - firstByte);
      const bytes = await readAt(handle, firstByte, length);
      if (bytes.length !== length)
        throw new Error(`The spooled upload ${body.path} is shorter than its ${body.size} bytes.`);
      yield { firstByte, bytes };
    }
  } finally {
    await handle.close();
  }
}

/** The stream `stream` returns: `first` is the chunk holding the first byte wanted. */
function chunkStream(id: string, first: Chunk, part: { offset: number; length: number }, later: ReadLater) {
  const end = part.offset + part.length;
  async function* pieces() {
    let position = part.offset;
    let chunk: Chunk | null = first;
    while (position < end) {
      chunk ??= await later((db) => readChunk(db, id, position));
      if (!chunk || chunk.firstByte + chunk.bytes.length <= position) {
        throw new Error(`The bytes of file ${id} from position ${position} are gone (deleted while read).`);
      }
      const piece = chunk.bytes.subarray(position - chunk.firstByte, end - chunk.firstByte);
      position += piece.length;
      chunk = null;
      yield piece;
    }
  }
  return Readable.from(pieces(), { objectMode: false });
}

export const postgresFileStore: FileStore = {
  async put(db, file) {
    const { contentType, metadata } = await check(file);
    if (file.contentType && file.contentType !== contentType) {
      throw new Error(`Stored bytes are ${contentType}, not the ${file.contentType} the caller said.`);
    }
    const stored = await insertFile(db, {
      accountId: file.accountId,
      contentType,
      size: sizeOf(file.bytes),
      etag: etagOf(file.bytes),
      filename: file.filename ?? null,
      metadata,
    });
    for await (const chunk of chunksOf(file.bytes)) await insertChunk(db, stored, chunk);
    return stored;
  },
  get: (db, accountId, id) => findFile(db, accountId, id),
  findOwn: (db, accountId, id) => findOwnFile(db, accountId, id),
  find: (db, id) => findReadableFile(db, id),
  async stream(db, id, part, later) {
    const first = await readChunk(db, id, part.offset);
    return first && chunkStream(id, first, part, later);
  },
  list: (db, accountId, after, take) => listFiles(db, accountId, after, take),
  delete: (db, accountId, id) => deleteFile(db, accountId, id),
};
