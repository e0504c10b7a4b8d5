import type { Readable } from 'node:stream';
import type { files } from '@yorozu/contract';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import Negotiator from 'negotiator';
import { type DatabaseTransactionConnection, ForeignKeyIntegrityConstraintViolationError } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound } from '../../kernel/errors.ts';
import {
  type FileStore,
  isAudioType,
  isImageType,
  isVideoType,
  type ReadLater,
  type StoredFile,
} from '../../kernel/files/index.ts';
import { type ByteRange, requestedRange } from './ranges.ts';

/**
 * A file's bytes never change under its id, so a private cache may keep them;
 * `If-None-Match` revalidates for clients that ask anyway.
 */
const CACHE_CONTROL = 'private, max-age=31536000, immutable';
/**
 * Served as-is, an SVG is a document that could run script or fetch: the
 * policy forbids both (inline styles and data: images are what SVGs use).
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/** The filename extension a download is saved with, by the file's (sniffed) type. */
const EXTENSIONS: Record<StoredFile['contentType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
};

/**
 * A file has one representation: an `Accept` that excludes its type is 406 rather than bytes the
 * client said it cannot use (RFC 9110, 12.5.1). No `Accept` accepts anything.
 */
export function assertAcceptable(accept: string | undefined, file: StoredFile): void {
  if (accept === undefined) return;
  if (new Negotiator({ headers: { accept } }).mediaType([file.contentType])) return;
  throw new DomainError('not_acceptable', `The file is ${file.contentType}, which Accept excludes.`);
}

export function fileResource({ accountId: _owner, ...file }: StoredFile): Static<typeof files.File> {
  return file;
}

/** `If-None-Match` holds the ETag: `*`, or a list of tags, weak ones compared weakly (RFC 9110, 13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Images, audio and video open in place (a browser shows or plays them); PDFs and archives, the products
 * nex sells, are saved. The name is the uploader's, else `<id>.<extension>`; the library writes
 * a non-ASCII name as RFC 8187 `filename*` with an ASCII fallback (RFC 6266, 4.3).
 */
function disposition(file: StoredFile): string {
  const { contentType } = file;
  const type =
    isImageType(contentType) || isAudioType(contentType) || isVideoType(contentType)
      ? 'inline'
      : 'attachment';
  return contentDisposition(file.filename ?? `${file.id}.${EXTENSIONS[file.contentType]}`, { type });
}

/** What a download sends: nothing (304), the whole file, or one range of it (206), as a stream. */
export type Download =
  | { kind: 'not-modified' }
  | { kind: 'whole'; body: Readable }
  | { kind: 'part'; range: ByteRange; body: Readable };

/**
 * Opens what the request asks for: `If-None-Match` first, then `Range` under `If-Range`
 * (RFC 9110, 13.2.2). A range past the end is 416 with the size. The first chunk is read in the
 * request's transaction, the rest through `later` while the reply streams (FileStore.stream).
 */
export async function readDownload(
  db: DatabaseTransactionConnection,
  store: FileStore,
  file: StoredFile,
  headers: {
    'if-none-match'?: string | undefined;
    range?: string | undefined;
    'if-range'?: string | undefined;
  },
  later: ReadLater,
): Promise<Download> {
  if (matchesEtag(headers['if-none-match'], file.etag)) return { kind: 'not-modified' };
  const range = requestedRange(headers, file.etag, file.size);
  if (range === 'unsatisfiable') {
    throw new DomainError(
      'range_not_satisfiable',
      `The file has ${file.size} bytes; the range ${headers.range} starts past its end.`,
      { headers: { 'Content-Range': `bytes */${file.size}`, 'Accept-Ranges': 'bytes' } },
    );
  }
  const part = range
    ? { offset: range.first, length: range.last - range.first + 1 }
    : { offset: 0, length: file.size };
  const body = await store.stream(db, file.id, part, later);
  // Deleted by a concurrent request between the two reads.
  if (!body) throw notFound('file');
  return range ? { kind: 'part', range, body } : { kind: 'whole', body };
}

export function sendFile(reply: FastifyReply, file: StoredFile, download: Download) {
  reply
    .header('ETag', file.etag)
    .header('Cache-Control', CACHE_CONTROL)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    .header('Accept-Ranges', 'bytes')
    .header('Content-Disposition', disposition(file));
  if (download.kind === 'not-modified') return reply.code(304).send();
  let length = file.size;
  if (download.kind === 'part') {
    const { first, last } = download.range;
    length = last - first + 1;
    reply.code(206).header('Content-Range', `bytes ${first}-${last}/${file.size}`);
  }
  // A stream has no length of its own: the header lets a player show progress and seek.
  return reply.type(file.contentType).header('Content-Length', length).send(download.body);
}

/** A file the caller may read; 404 (the same as a missing id) otherwise. */
export async function findFile(db: DatabaseTransactionConnection, store: FileStore, id: string) {
  const file = await store.find(db, id);
  if (!file) throw notFound('file');
  return file;
}

export async function deleteFile(
  db: DatabaseTransactionConnection,
  store: FileStore,
  accountId: string,
  id: string,
) {
  let deleted: boolean;
  try {
    deleted = await store.delete(db, accountId, id);
  } catch (error) {
    // A product row refers to the file (its foreign key restricts the delete).
    if (error instanceof ForeignKeyIntegrityConstraintViolationError) {
      throw new DomainError('conflict', 'The file is still in use; delete what refers to it first.');
    }
    throw error;
  }
  if (!deleted) throw notFound('file');
}
