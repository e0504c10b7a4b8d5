/**
 * The file store (docs/architecture.md, Files and generated images): a small interface, with
 * PostgreSQL `bytea` as the default adapter. An S3 adapter would keep the
 * same rows for metadata (listing, ownership, RLS) and put the bytes in a
 * bucket. Every file is checked on the way in, whoever stores it: its type
 * is sniffed from the bytes, an SVG must be safe (svg.ts), audio readable
 * (audio.ts), a PDF or ZIP whole (documents.ts).
 */
import { createHash } from 'node:crypto';
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError } from '../errors.ts';
import type { Position } from '../pagination.ts';
import { inspectFileOffThread } from '../threads/pool.ts';
import { pixelLimitProblem } from './dimensions.ts';
import type { FileMetadata } from './inspect.ts';
import {
  deleteFile,
  findFile,
  findReadableFile,
  insertFile,
  listFiles,
  readFileBytes,
  type StoredFile,
} from './queries.ts';
import { type FileKind, type FileType, kindOf, sniffFileType } from './sniff.ts';

/** The most bytes a client may upload, per kind (FILE_MAX_BYTES, AUDIO_MAX_BYTES, PDF_MAX_BYTES, ZIP_MAX_BYTES). */
export type FileLimits = Readonly<Record<FileKind, number>>;

export type { StoredFile };

export interface NewStoredFile {
  accountId: string;
  bytes: Buffer;
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
  /** A file the caller may read (its own, or one shared with it, docs/architecture.md), without its bytes. */
  find(db: DatabaseTransactionConnection, id: string): Promise<StoredFile | null>;
  /** The bytes of a file the caller may read, or `length` of them from `offset`; null when it may not. */
  read(
    db: DatabaseTransactionConnection,
    id: string,
    part: { offset: number; length: number } | null,
  ): Promise<Buffer | null>;
  list(
    db: DatabaseTransactionConnection,
    accountId: string,
    after: Position | null,
    take: number,
  ): Promise<readonly StoredFile[]>;
  /** False when the account has no such file. */
  delete(db: DatabaseTransactionConnection, accountId: string, id: string): Promise<boolean>;
}

const refused = (message: string) =>
  new DomainError('validation_failed', `The file is refused: ${message}.`, {
    errors: [{ path: '/body', message }],
  });

/** Strong and content-derived: the same bytes always get the same tag (128 bits of SHA-256). */
export function etagOf(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

/** How many first bytes name a file's type (sniff.ts reads an SVG's prologue, the longest look). */
export const SNIFF_BYTES = 4096;

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
  const type = file.maxBytes && sniffFileType(file.bytes);
  if (!file.maxBytes || !type) return;
  const { limit, refusal } = sizeLimitOf(file.bytes, file.maxBytes);
  if (file.bytes.length > limit) throw refusal;
}

/** The media type and metadata of bytes that may be stored; throws the reason they may not. */
async function check(file: NewStoredFile): Promise<{ contentType: FileType; metadata: FileMetadata }> {
  checkSize(file);
  const inspection = await inspectFileOffThread(file.bytes);
  if (inspection.problem !== null) throw refused(inspection.problem);
  const { metadata } = inspection;
  if (file.maxPixels !== undefined && metadata.width !== null && metadata.height !== null) {
    const tooLarge = pixelLimitProblem({ width: metadata.width, height: metadata.height }, file.maxPixels);
    if (tooLarge) throw refused(`it ${tooLarge}`);
  }
  return inspection;
}

export const postgresFileStore: FileStore = {
  async put(db, file) {
    const { contentType, metadata } = await check(file);
    if (file.contentType && file.contentType !== contentType) {
      throw new Error(`Stored bytes are ${contentType}, not the ${file.contentType} the caller said.`);
    }
    return insertFile(db, {
      accountId: file.accountId,
      contentType,
      etag: etagOf(file.bytes),
      filename: file.filename ?? null,
      metadata,
      bytes: file.bytes,
    });
  },
  get: (db, accountId, id) => findFile(db, accountId, id),
  find: (db, id) => findReadableFile(db, id),
  read: async (db, id, part) => (await readFileBytes(db, id, part))?.bytes ?? null,
  list: (db, accountId, after, take) => listFiles(db, accountId, after, take),
  delete: (db, accountId, id) => deleteFile(db, accountId, id),
};
