/**
 * An upload's body as it streams in (docs/architecture.md, Files and generated images): a small
 * one stays a Buffer, a larger one goes to a private temporary file as it arrives, so a 100 MB
 * archive never sits whole on the request's heap. Its SHA-256 (the ETag, and what an
 * Idempotency-Key compares) and its first bytes (what sniffing reads) are taken on the way.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** How many first bytes name a file's type (sniff.ts reads an SVG's prologue, the longest look). */
export const SNIFF_BYTES = 4096;

/** Bodies up to this size stay in memory: one chunk of the store (queries.ts), a few writes to spool. */
export const SPOOL_AFTER_BYTES = 256 * 1024;

/** An upload spooled to a temporary file, which `discard` removes. */
export class SpooledUpload {
  readonly path: string;
  readonly size: number;
  /** SHA-256 of the bytes, computed as they arrived. */
  readonly sha256: Buffer;
  /** The first SNIFF_BYTES bytes. */
  readonly head: Buffer;

  constructor(fields: { path: string; size: number; sha256: Buffer; head: Buffer }) {
    this.path = fields.path;
    this.size = fields.size;
    this.sha256 = fields.sha256;
    this.head = fields.head;
  }

  /** Removes the file; safe to call again, and after it is gone. */
  discard(): Promise<void> {
    return rm(this.path, { force: true });
  }
}

/** A file's bytes as the store takes them: in memory, or an upload spooled to disk. */
export type FileBody = Buffer | SpooledUpload;

export const sizeOf = (body: FileBody): number => (Buffer.isBuffer(body) ? body.length : body.size);

export const headOf = (body: FileBody): Buffer =>
  Buffer.isBuffer(body) ? body.subarray(0, SNIFF_BYTES) : body.head;

/** `length` bytes of an open file from `position`, fewer only at its end (one read may return less). */
export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** Removes a spooled upload's file; anything else is left alone. */
export async function discardUpload(body: unknown): Promise<void> {
  if (body instanceof SpooledUpload) await body.discard();
}

/**
 * Reads `stream` to its end: a Buffer when it ends within SPOOL_AFTER_BYTES, else a SpooledUpload
 * in a new file of os.tmpdir() only this process's user may read (mode 0600, created exclusively).
 * Past `limit` bytes it fails with `tooLarge()`. Whatever ends the stream early (its error, a
 * client gone, the limit), the file is removed before the error is passed on.
 */
export async function spoolUpload(stream: Readable, limit: number, tooLarge: () => Error): Promise<FileBody> {
  const hash = createHash('sha256');
  const held: Buffer[] = [];
  let size = 0;
  let file: { path: string; handle: FileHandle; head: Buffer } | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      hash.update(chunk);
      if (!file) {
        held.push(chunk);
        if (size <= SPOOL_AFTER_BYTES) continue;
        const path = join(tmpdir(), `yorozu-upload-${randomUUID()}`);
        const start = Buffer.concat(held);
        held.length = 0;
        const handle = await open(path, 'wx', 0o600);
        file = { path, handle, head: Buffer.from(start.subarray(0, SNIFF_BYTES)) };
        await file.handle.write(start);
      } else await file.handle.write(chunk);
    }
    if (!file) return Buffer.concat(held, size);
    await file.handle.close();
    return new SpooledUpload({ path: file.path, size, sha256: hash.digest(), head: file.head });
  } catch (error) {
    if (file) {
      await file.handle.close().catch(() => {});
      await rm(file.path, { force: true });
    }
    throw error;
  }
}
