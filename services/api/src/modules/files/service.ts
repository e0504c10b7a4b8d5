import type { files } from '@yorozu/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { type DatabaseTransactionConnection, ForeignKeyIntegrityConstraintViolationError } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { FileStore, StoredFile } from '../../kernel/files/index.ts';

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

export function sendFile(request: FastifyRequest, reply: FastifyReply, file: StoredFile & { bytes: Buffer }) {
  reply
    .header('ETag', file.etag)
    .header('Cache-Control', CACHE_CONTROL)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    // Shown in place, and saved (Swagger UI's download link, a browser's "Save as") under a name with its real type.
    .header('Content-Disposition', `inline; filename="${file.id}.${EXTENSIONS[file.contentType]}"`);
  if (matchesEtag(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
  return reply.type(file.contentType).send(file.bytes);
}

export async function getFile(
  db: DatabaseTransactionConnection,
  store: FileStore,
  accountId: string,
  id: string,
) {
  const file = await store.get(db, accountId, id);
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
