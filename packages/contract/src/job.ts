/**
 * One job type of the contract (docs/architecture.md, Jobs): the payload it is enqueued with,
 * checked when the job is enqueued and again when it runs, and the result a succeeded job
 * shows in the API's `Job` union. Like an operation, a job is data: the service's jobs kernel
 * enqueues and runs it, and the spec shows its result (never its payload).
 */
import type { Static, TSchema } from 'typebox';

export interface JobDefinition<
  Type extends string = string,
  Payload extends TSchema = TSchema,
  Result extends TSchema = TSchema,
> {
  /** `<module>.<task>`, e.g. `studio.generate`. */
  type: Type;
  /**
   * What the job is enqueued with; internal to the service. Properties it does not name are
   * allowed, so that a job enqueued by a newer release still runs on an older worker while a
   * deploy rolls out.
   */
  payload: Payload;
  /** What a succeeded job produced: its `result` in the API, a named component. */
  result: Result;
  /** The result of the spec's examples. */
  resultExample: Static<Result>;
}

/** Keeps the literal type and the schemas' types, so enqueuing and handlers are typed from them. */
export function defineJob<const Type extends string, Payload extends TSchema, Result extends TSchema>(
  job: JobDefinition<Type, Payload, Result>,
): JobDefinition<Type, Payload, Result> {
  return job;
}

export type JobPayload<J extends JobDefinition> = Static<J['payload']>;
export type JobResult<J extends JobDefinition> = Static<J['result']>;
