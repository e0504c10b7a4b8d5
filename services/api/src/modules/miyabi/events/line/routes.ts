/** `/v1/miyabi/webhooks/line` and `/v1/miyabi/line/link-codes`: the LINE bot's routes. */
import { operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Sealer } from '../../../../kernel/auth/index.ts';
import type { EventStore } from '../store.ts';
import { createLinkCode, receiveLineEvents } from './service.ts';

export interface LineRoutesOptions {
  channelSecret: string | null;
  store: EventStore;
  clock: () => number;
  /** Opens the linked identity's sealed token (whether a "create issue" can go to GitHub). */
  sealer: Sealer;
  /** The bytes LINE signed (http/raw-json-body.ts). */
  rawBody: (request: FastifyRequest) => Buffer;
}

/** The webhook: register in an encapsulated plugin whose JSON parser keeps raw bodies. */
export function lineWebhookRoutes(app: FastifyInstance, options: LineRoutesOptions) {
  app.operation(operations['miyabi.line.webhook'], ({ db, withAccount, request, headers, body }) =>
    receiveLineEvents(
      {
        db,
        withAccount,
        channelSecret: options.channelSecret,
        store: options.store,
        nowMs: options.clock(),
        sealer: options.sealer,
      },
      { rawBody: options.rawBody(request), signature: headers['x-line-signature'], body },
    ),
  );
}

export function lineLinkRoutes(app: FastifyInstance, { clock }: Pick<LineRoutesOptions, 'clock'>) {
  app.operation(operations['miyabi.line.linkCodes.create'], ({ db, principal }) =>
    createLinkCode(db, principal.accountId, clock()),
  );
}
