/**
 * `/v1/billing`: the Stripe webhook. Encapsulated (fastify-plugin's
 * `encapsulate: true`) so that its JSON parser, which keeps the raw bytes the
 * signature covers, applies to this plugin's routes only.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { keepRawJsonBodies } from '../../http/raw-json-body.ts';
import { type BillingOptions, billingRoutes } from './routes.ts';

async function billingPlugin(app: FastifyInstance, options: BillingOptions) {
  billingRoutes(app, options, keepRawJsonBodies(app));
}

export default fp(billingPlugin, { name: 'billing', dependencies: ['operations'], encapsulate: true });
