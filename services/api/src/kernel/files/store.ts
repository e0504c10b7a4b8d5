/**
 * The file store (docs/architecture.md, Files and generated images): a small interface, with
 * PostgreSQL `bytea` as the default adapter. An S3 adapter would keep the
 * same rows for metadata (listing, ownership, RLS) and put the bytes in a
 * bucket. Every file is checked on the way in, whoever stores it: its type
 * is sniffed from the bytes and an SVG must be safe (svg.ts).
 */
import { createHash } from 'node:crypto';
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError } from '../errors.ts';
import type { Position } from '../pagination.ts';
import { inspectImageOffThread } from '../threads/pool.ts';
import { pixelLimitProblem } from './dimensions.ts';
import { deleteFile, findFile, insertFile, listFiles, type StoredFile } from './queries.ts';
import type { ImageType } from './sniff.ts';

export type { StoredFile };

export interface NewStoredFile {
  accountId: string;
  bytes: Buffer;
  /** What the caller produced; checked against the bytes. Sniffed when absent. */
  contentType?: ImageType;
  /**
   * The most pixels the image may declare (IMAGE_MAX_PIXELS), for files a
   * client sent: decoding a larger one could exhaust memory. The service's
   * own renders, sized by the service, are stored without one.
   */
  maxPixels?: number;
}

export interface FileStore {
  /** Throws `validation_failed` when the bytes are not a supported image, an unsafe SVG, or too many pixels. */
  put(db: DatabaseTransactionConnection, file: NewStoredFile): Promise<StoredFile>;
  get(
    db: DatabaseTransactionConnection,
    accountId: string,
    id: string,
  ): Promise<(StoredFile & { bytes: Buffer }) | null>;
  list(
    db: DatabaseTransactionConnection,
    accountId: string,
    after: Position | null,
    take: number,
  ): Promise<readonly StoredFile[]>;
  /** False when the account has no such file. */
  delete(db: DatabaseTransactionConnection, accountId: string, id: string): Promise<boolean>;
}

const notAnImage = (message: string) =>
  new DomainError('validation_failed', `The file is refused: ${message}.`, {
    errors: [{ path: '/body', message }],
  });

/** Strong and content-derived: the same bytes always get the same tag (128 bits of SHA-256). */
export function etagOf(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

/** The media type of bytes that may be stored; throws the reason they may not. */
async function checkImage(file: NewStoredFile): Promise<ImageType> {
  const image = await inspectImageOffThread(file.bytes);
  if (image.problem !== null) throw notAnImage(image.problem);
  const tooLarge = file.maxPixels === undefined ? null : pixelLimitProblem(image, file.maxPixels);
  if (tooLarge) throw notAnImage(`it ${tooLarge}`);
  return image.contentType;
}

export const postgresFileStore: FileStore = {
  async put(db, file) {
    const contentType = await checkImage(file);
    if (file.contentType && file.contentType !== contentType) {
      throw new Error(`Stored bytes are ${contentType}, not the ${file.contentType} the caller said.`);
    }
    return insertFile(db, {
      accountId: file.accountId,
      contentType,
      etag: etagOf(file.bytes),
      bytes: file.bytes,
    });
  },
  get: (db, accountId, id) => findFile(db, accountId, id),
  list: (db, accountId, after, take) => listFiles(db, accountId, after, take),
  delete: (db, accountId, id) => deleteFile(db, accountId, id),
};
