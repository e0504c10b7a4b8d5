/** Binds Miyabi's repository, webhook, agent and workflow operations to their services. */
import { operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendEventStream } from '../../../kernel/jobs/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import type { EventStore } from '../events/store.ts';
import { executionResource, listExecutions } from './execution-queries.ts';
import { createExecution, executionEventStream, getExecution } from './executions.ts';
import { receiveGithubWebhook } from './github-webhook.ts';
import { changeRepository, createRepository, getRepository, removeRepository } from './repositories.ts';
import { listRepositories, listRepositoryEvents } from './repository-queries.ts';
import { listWorkflows } from './workflow-queries.ts';
import { createRun, getRun, runEventStream } from './workflow-runs.ts';
import { changeWorkflow, createWorkflow, getWorkflow, removeWorkflow } from './workflows.ts';

export interface AgentsOptions {
  /** MIYABI_GITHUB_WEBHOOK_SECRET; null: the webhook answers 503. */
  githubWebhookSecret: string | null;
  /** The composition root's event store: deliveries are recorded there as `webhook.github` events. */
  eventStore: EventStore;
}

export function agentsRoutes(
  app: FastifyInstance,
  options: AgentsOptions,
  rawBody: (request: FastifyRequest) => Buffer,
) {
  app.operation(operations['miyabi.repositories.create'], ({ db, principal, body }) =>
    createRepository(db, principal.accountId, body),
  );
  app.operation(operations['miyabi.repositories.list'], ({ db, principal, query }) =>
    paginate('miyabi-repositories', query, (after, take) =>
      listRepositories(
        db,
        principal.accountId,
        query.active === undefined ? undefined : query.active === 'true',
        after,
        take,
      ),
    ),
  );
  app.operation(operations['miyabi.repositories.get'], ({ db, principal, params }) =>
    getRepository(db, principal.accountId, params.id),
  );
  app.operation(operations['miyabi.repositories.update'], ({ db, principal, params, body, auditChanges }) =>
    changeRepository(db, principal.accountId, params.id, body, auditChanges),
  );
  app.operation(operations['miyabi.repositories.delete'], async ({ db, principal, params }) => {
    await removeRepository(db, principal.accountId, params.id);
  });
  app.operation(operations['miyabi.repositories.events.list'], async ({ db, principal, params, query }) => {
    const repository = await getRepository(db, principal.accountId, params.id);
    // The cursor names its repository: it cannot continue another repository's list.
    const page = await paginate(`miyabi-repository-events/${repository.id}`, query, (after, take) =>
      listRepositoryEvents(db, principal.accountId, repository.id, after, take),
    );
    return { data: page.data.map(({ createdAt: _, ...event }) => event), nextCursor: page.nextCursor };
  });

  // Bodies over BODY_LIMIT_BYTES (1 MiB by default) are 413 before they are read; GitHub caps
  // payloads at 25 MB, but the events Miyabi records are far smaller.
  app.operation(operations['miyabi.webhooks.github'], ({ db, request, headers, body }) =>
    receiveGithubWebhook(db, {
      secret: options.githubWebhookSecret,
      store: options.eventStore,
      rawBody: rawBody(request),
      signature: headers['x-hub-signature-256'],
      deliveryId: headers['x-github-delivery'],
      event: headers['x-github-event'],
      payload: body,
    }),
  );

  app.operation(operations['miyabi.agentExecutions.create'], ({ db, principal, body, spendAtCommit }) =>
    createExecution(db, spendAtCommit, principal.accountId, body),
  );
  app.operation(operations['miyabi.agentExecutions.list'], async ({ db, principal, query }) => {
    const page = await paginate('miyabi-agent-executions', query, (after, take) =>
      listExecutions(db, principal.accountId, query, after, take),
    );
    return { data: page.data.map(executionResource), nextCursor: page.nextCursor };
  });
  app.operation(operations['miyabi.agentExecutions.get'], ({ db, principal, params }) =>
    getExecution(db, principal.accountId, params.id),
  );
  app.operation(operations['miyabi.agentExecutions.events'], async ({ db, principal, params, headers }) => {
    await getExecution(db, principal.accountId, params.id);
    return (reply) =>
      sendEventStream(reply, (signal) =>
        executionEventStream({
          pool: app.db,
          hub: app.jobEvents,
          accountId: principal.accountId,
          executionId: params.id,
          afterSeq: headers['last-event-id'] ?? 0,
          signal,
        }),
      );
  });

  app.operation(operations['miyabi.workflows.create'], ({ db, principal, body }) =>
    createWorkflow(db, principal.accountId, body),
  );
  app.operation(operations['miyabi.workflows.list'], ({ db, principal, query }) => {
    const anyone = query.owner === 'anyone' || !principal;
    const template = query.template === undefined ? undefined : query.template === 'true';
    // The cursor names the list it pages: mine, or everything readable.
    return paginate(`miyabi-workflows/${anyone ? 'anyone' : 'me'}`, query, (after, take) =>
      listWorkflows(db, principal?.accountId ?? null, { anyone, template }, after, take),
    );
  });
  app.operation(operations['miyabi.workflows.get'], ({ db, principal, params }) =>
    getWorkflow(db, principal?.accountId ?? null, params.id),
  );
  app.operation(operations['miyabi.workflows.update'], ({ db, principal, params, body, auditChanges }) =>
    changeWorkflow(db, principal.accountId, params.id, body, auditChanges),
  );
  app.operation(operations['miyabi.workflows.delete'], async ({ db, principal, params }) => {
    await removeWorkflow(db, principal.accountId, params.id);
  });
  app.operation(
    operations['miyabi.workflows.runs.create'],
    ({ db, principal, params, body, spendAtCommit }) =>
      createRun(db, spendAtCommit, principal.accountId, params.id, body),
  );
  app.operation(operations['miyabi.workflowRuns.get'], ({ db, principal, params }) =>
    getRun(db, principal.accountId, params.id),
  );
  app.operation(operations['miyabi.workflowRuns.events'], async ({ db, principal, params, headers }) => {
    await getRun(db, principal.accountId, params.id);
    return (reply) =>
      sendEventStream(reply, (signal) =>
        runEventStream({
          pool: app.db,
          hub: app.jobEvents,
          accountId: principal.accountId,
          runId: params.id,
          afterSeq: headers['last-event-id'] ?? 0,
          signal,
        }),
      );
  });
}
