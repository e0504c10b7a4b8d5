/** `/v1/studio/...`: Character Studio (docs/products/studio.md). Its generation job is in jobs.ts. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CharacterAnalyser } from './analysis.ts';
import { studioRoutes } from './routes.ts';

export interface StudioOptions {
  /** Reads features and a consistency score from base images (the composition root chooses it). */
  analyser: CharacterAnalyser;
}

export default fp(
  async (app: FastifyInstance, options: StudioOptions) =>
    studioRoutes(app, { files: app.files, analyser: options.analyser }),
  { name: 'studio', dependencies: ['operations', 'files'] },
);
