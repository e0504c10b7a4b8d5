/**
 * Jobs (docs/architecture.md, Jobs): long work answers 202 with a job id; the job
 * resource reports its status and progress, can be canceled, and streams its
 * changes as Server-Sent Events.
 */
import Type, { type Static, type TSchema } from 'typebox';
import type { JobDefinition } from '../job.ts';
import { agentJob, MIYABI_AGENT_JOB } from '../miyabi/agents-executions.ts';
import { lineIssueJob, MIYABI_LINE_ISSUE_JOB } from '../miyabi/events-line.ts';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { replyJob, SPEAK_REPLY_JOB } from '../speak/job.ts';
import { renderJob, STICKERS_RENDER_JOB } from '../stickers/job.ts';
import { generateJob, STUDIO_GENERATE_JOB, studioGenerateResultExample } from '../studio/job.ts';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export const TERMINAL_JOB_STATUSES = ['succeeded', 'failed', 'canceled'] as const;

const JOB_STATUS_MEANINGS = {
  queued: 'Waiting for a worker, also between retries.',
  running: 'A worker is on it; `progress` moves from 0 to 100.',
  succeeded: 'Done: `result` holds what it made. Final.',
  failed: 'Gave up: `error` says why, and what it reserved is refunded. Final.',
  canceled: 'Stopped on request before it finished; what it reserved is refunded. Final.',
} as const;

export const JobStatus = StringEnum(
  [...JOB_STATUSES],
  { description: 'Where the job is in its life; the last three are final.' },
  JOB_STATUS_MEANINGS,
);

export const JobError = named(
  'JobError',
  Type.Object({
    code: Type.String({ description: 'Stable machine-readable code, e.g. `internal` or a problem code.' }),
    message: Type.String({ description: 'What went wrong, for a human.' }),
  }),
  {
    description: 'Why a job failed, after its last attempt.',
    example: { code: 'internal', message: 'The job failed; it has been logged.' },
  },
);

/** The fields every job has, whatever its type. */
export const JobFields = {
  id: Id("The job's id."),
  status: JobStatus,
  progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Percent done, 0 to 100.' }),
  error: Type.Union([JobError, Type.Null()], { description: 'Why a failed job failed; null otherwise.' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it reached a final status.' }),
};

const jobTimes = {
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:04.000Z',
  finishedAt: '2026-11-23T09:00:04.000Z',
};

/** One job type's job (`defineJob`): its `type`, and the `result` it has once it succeeded. */
function jobOf<const Name extends string, R extends TSchema>(
  title: string,
  { type, result, resultExample }: JobDefinition<Name, TSchema, R>,
) {
  const schema = Type.Object({
    ...JobFields,
    type: Type.Literal(type, { description: 'What the job does: `<module>.<task>`.' }),
    result: Type.Union([result, Type.Null()], {
      description: 'What the job produced once `succeeded`; null before and on any other final status.',
    }),
  });
  const example = {
    id: '3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b',
    type,
    status: 'succeeded' as const,
    progress: 100,
    result: resultExample,
    error: null,
    ...jobTimes,
  };
  return named(title, schema, {
    description: `A \`${type}\` job.`,
    example: example as Static<typeof schema>,
  });
}

export const StudioGenerateJob = jobOf('StudioGenerateJob', generateJob);
export const StickersRenderJob = jobOf('StickersRenderJob', renderJob);
export const SpeakReplyJob = jobOf('SpeakReplyJob', replyJob);
export const MiyabiAgentJob = jobOf('MiyabiAgentJob', agentJob);
export const MiyabiLineIssueJob = jobOf('MiyabiLineIssueJob', lineIssueJob);

const succeededJobExample = {
  id: '3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b',
  type: STUDIO_GENERATE_JOB,
  status: 'succeeded' as const,
  progress: 100,
  result: studioGenerateResultExample,
  error: null,
  ...jobTimes,
};

/** Every job type the API runs, in the order of `Job`'s variants. */
export const JOB_TYPES = [
  STUDIO_GENERATE_JOB,
  STICKERS_RENDER_JOB,
  SPEAK_REPLY_JOB,
  MIYABI_AGENT_JOB,
  MIYABI_LINE_ISSUE_JOB,
] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JobTypeSchema = StringEnum([...JOB_TYPES], {
  description: 'What a job does: `<module>.<task>`.',
  examples: [STICKERS_RENDER_JOB],
});

export const Job = named(
  'Job',
  Type.Union([StudioGenerateJob, StickersRenderJob, SpeakReplyJob, MiyabiAgentJob, MiyabiLineIssueJob], {
    discriminator: {
      propertyName: 'type',
      mapping: {
        [STUDIO_GENERATE_JOB]: '#/components/schemas/StudioGenerateJob',
        [STICKERS_RENDER_JOB]: '#/components/schemas/StickersRenderJob',
        [SPEAK_REPLY_JOB]: '#/components/schemas/SpeakReplyJob',
        [MIYABI_AGENT_JOB]: '#/components/schemas/MiyabiAgentJob',
        [MIYABI_LINE_ISSUE_JOB]: '#/components/schemas/MiyabiLineIssueJob',
      },
    },
  }),
  {
    description:
      'Asynchronous work and where it stands. `type` says which job it is, and so the shape of its `result` once it succeeded.',
    example: succeededJobExample,
  },
);

/** The result of each job type, by type: what a handler of that type must return. */
export type JobResults = {
  [J in Static<typeof Job> as J['type']]: NonNullable<J['result']>;
};

export const JobListQuery = PageQuery({
  status: Type.Optional(
    StringEnum(
      [...JOB_STATUSES],
      { description: 'Only jobs in this status.', examples: ['running'] },
      JOB_STATUS_MEANINGS,
    ),
  ),
  type: Type.Optional(JobTypeSchema),
});

export const JobList = Page('JobList', Job, succeededJobExample);

const streamJob = (status: 'running' | 'succeeded', progress: number) =>
  JSON.stringify({
    ...succeededJobExample,
    status,
    progress,
    result: status === 'succeeded' ? succeededJobExample.result : null,
    updatedAt: status === 'succeeded' ? jobTimes.updatedAt : jobTimes.createdAt,
    finishedAt: status === 'succeeded' ? jobTimes.finishedAt : null,
  });

export const JobEventStream = named(
  'JobEventStream',
  Type.String({ contentMediaType: 'text/event-stream' }),
  {
    description:
      'Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html), one per change of the job: ' +
      '`id:` its sequence number (send it back as `Last-Event-ID` to resume), `event:` `progress` or `final`, and ' +
      '`data:` the job as JSON, a [`Job`](#/components/schemas/Job). Lines starting with `:` are keep-alive comments.',
    example:
      ': stream open\n\n' +
      `id: 2\nevent: progress\ndata: ${streamJob('running', 40)}\n\n` +
      ': heartbeat\n\n' +
      `id: 3\nevent: final\ndata: ${streamJob('succeeded', 100)}\n\n`,
  },
);

export const JobEventsHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'Resume after this event id: the events after it are sent, then the live ones.',
      examples: [3],
    }),
  ),
});

export const list = defineOperation({
  operationId: 'jobs.list',
  method: 'GET',
  path: '/v1/jobs',
  tag: 'jobs',
  summary: 'List jobs, newest first',
  description: "The account's jobs, newest first, optionally only those of one `status` and/or one `type`.",
  auth: { scope: 'jobs:read' },
  query: JobListQuery,
  success: { status: 200, description: 'A page of jobs.', schema: JobList },
});

export const get = defineOperation({
  operationId: 'jobs.get',
  method: 'GET',
  path: '/v1/jobs/{id}',
  tag: 'jobs',
  summary: 'Get a job',
  description:
    'Where the job stands: `status`, `progress` (0 to 100), and once final its `result` or `error`. ' +
    'Poll it, or follow `GET /v1/jobs/{id}/events` to be told of each change.',
  auth: { scope: 'jobs:read' },
  params: IdParams('job', succeededJobExample.id),
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
  params: IdParams('job', succeededJobExample.id),
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
  params: IdParams('job', succeededJobExample.id),
  headers: JobEventsHeaders,
  success: {
    status: 200,
    description: "A `text/event-stream`; every event's `data` is a `Job`.",
    schema: JobEventStream,
    contentTypes: ['text/event-stream'],
    headers: ['CacheControl'],
  },
  errors: [404],
});
