/**
 * Jobs (docs/architecture.md, Jobs): long work answers 202 with a job id; the job
 * resource reports its status and progress, can be canceled, and streams its
 * changes as Server-Sent Events.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { IdParams, named, StringEnum, Timestamp, Uuid } from '../schema.ts';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export const TERMINAL_JOB_STATUSES = ['succeeded', 'failed', 'canceled'] as const;

export const JobStatus = StringEnum([...JOB_STATUSES], {
  description:
    '`queued` (waiting, also between retries), `running`, then one of `succeeded`, `failed` or `canceled`, which are final.',
});

export const JobError = named(
  'JobError',
  Type.Object({
    code: Type.String({ description: 'Stable machine-readable code, e.g. `internal` or a problem code.' }),
    message: Type.String(),
  }),
  {
    description: 'Why a job failed, after its last attempt.',
    example: { code: 'internal', message: 'The job failed; it has been logged.' },
  },
);

const jobExample = {
  id: '3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b',
  type: 'studio.generate',
  status: 'running' as const,
  progress: 40,
  result: null,
  error: null,
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:02.000Z',
  finishedAt: null,
};

export const Job = named(
  'Job',
  Type.Object({
    id: Uuid,
    type: Type.String({ description: 'What the job does: `<module>.<task>`, e.g. `studio.generate`.' }),
    status: JobStatus,
    progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Percent done, 0 to 100.' }),
    result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
      description: 'What a succeeded job produced (its shape depends on `type`); null otherwise.',
    }),
    error: Type.Union([JobError, Type.Null()], { description: 'Why a failed job failed; null otherwise.' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    finishedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it reached a final status.' }),
  }),
  { description: 'Asynchronous work and where it stands.', example: jobExample },
);

export const JobEventsHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'Resume after this event id: the events after it are sent, then the live ones.',
    }),
  ),
});

export const get = defineOperation({
  operationId: 'jobs.get',
  method: 'GET',
  path: '/v1/jobs/{id}',
  tag: 'jobs',
  summary: 'Get a job',
  auth: { scope: 'jobs:read' },
  params: IdParams,
  success: { status: 200, description: 'The job.', schema: Job },
  errors: [404],
});

export const cancel = defineOperation({
  operationId: 'jobs.cancel',
  method: 'POST',
  path: '/v1/jobs/{id}/cancel',
  tag: 'jobs',
  summary: 'Cancel a job',
  description:
    'A queued job never runs; a running one is told to stop and its outcome is discarded. ' +
    'Quota it reserved is refunded. Canceling a canceled job returns it unchanged; a succeeded or failed job is a 409.',
  auth: { scope: 'jobs:write' },
  params: IdParams,
  audited: true,
  success: { status: 200, description: 'The canceled job.', schema: Job },
  errors: [404, 409],
});

export const events = defineOperation({
  operationId: 'jobs.events',
  method: 'GET',
  path: '/v1/jobs/{id}/events',
  tag: 'jobs',
  summary: "Stream a job's changes (Server-Sent Events)",
  description:
    'One event per change, each with `id:` (a sequence number per job), `event: progress` while the job is ' +
    'queued or running and `event: final` for its final status, and `data:` the job as JSON. The stream ' +
    'starts with every event so far (or those after `Last-Event-ID`), sends a comment every 15 seconds, ' +
    'and closes after the final event; a stream resumed after the final event sends the final event again.',
  auth: { scope: 'jobs:read' },
  params: IdParams,
  headers: JobEventsHeaders,
  success: {
    status: 200,
    description: "A `text/event-stream`; every event's `data` is a `Job`.",
    schema: Job,
    contentTypes: ['text/event-stream'],
  },
  errors: [404],
});
