/**
 * `/v1/files`: uploads, downloads with ETag and ranges, listing and deletion.
 * Decorates the app with the file store (`app.files`), which product modules
 * put generated images in.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { FileLimits, FileStore } from '../../kernel/files/index.ts';
import { filesRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    files: FileStore;
  }
}

export interface FilesOptions {
  /** Where the bytes live: the composition root's choice (FILE_STORE). */
  store: FileStore;
  /** Upload size limits per kind (FILE_MAX_BYTES, AUDIO_MAX_BYTES, VIDEO_MAX_BYTES, PDF_MAX_BYTES, ZIP_MAX_BYTES). */
  maxBytes: FileLimits;
  /** The most pixels an uploaded image may declare (IMAGE_MAX_PIXELS). */
  maxPixels: number;
}

export default fp(
  async (app: FastifyInstance, options: FilesOptions) => {
    app.decorate('files', options.store);
    filesRoutes(app, options);
  },
  { name: 'files', dependencies: ['operations'] },
);
