/**
 * `studio.generate`: draws a batch's expressions, one difference each (the
 * original design's queue worker). Jobs run at least once, so every step is idempotent:
 * each expression is stored in its own transaction that locks the batch row
 * and skips expressions already stored (UNIQUE (batch_id, expression)), so a
 * retry after a crash resumes where the last commit left off; `completed`
 * counts the stored differences and a CHECK keeps it within the batch. A
 * throw fails the attempt; after the last attempt the kernel fails the job
 * and refunds the credit, once. The batch's final status and its credit
 * transaction follow the job's own change, in its transaction
 * (migrations/0007_studio-batches.sql), whichever path settles it.
 */
import { type JobPayload, type JobResult, studio } from '@yorozu/contract';
import type { CharacterRenderInput, ImageGenerator } from '@yorozu/renderers';
import type { DatabaseTransactionConnection } from 'slonik';
import type { FileStore } from '../../kernel/files/index.ts';
import { type JobContext, JobFailure, type JobHandler, jobHandler } from '../../kernel/jobs/index.ts';
import { consistencyScore } from './consistency.ts';
import {
  insertDifference,
  lockGenerationWork,
  recordGenerationProgress,
  refreshAverageDifferenceConsistency,
} from './queries.ts';

export interface GenerateDependencies {
  generator: ImageGenerator<CharacterRenderInput>;
  files: FileStore;
}

/** The character, and with it the batch, was deleted: nothing left to draw, and no retry changes that. */
const batchGone = () =>
  new JobFailure('character_deleted', 'The character was deleted before its batch was generated.', {
    retry: false,
  });

async function lockBatch(db: DatabaseTransactionConnection, job: JobContext, batchId: string) {
  const work = await lockGenerationWork(db, job.accountId, batchId);
  if (!work) throw batchGone();
  return work;
}

type Batch = NonNullable<Awaited<ReturnType<typeof lockGenerationWork>>>;

/**
 * Draws one expression, then stores it unless another run did meanwhile.
 * The generator runs outside any transaction (a hosted model may take
 * seconds); the store, the difference and `completed` commit together under
 * the batch's row lock. Returns the batch as it stands after.
 */
async function drawExpression(
  deps: GenerateDependencies,
  job: JobContext,
  batch: Batch,
  expression: CharacterRenderInput['expression'],
) {
  const input: CharacterRenderInput = {
    name: batch.characterName,
    features: batch.features,
    expression,
    ...(expression === 'custom' && batch.customPrompt !== null ? { customPrompt: batch.customPrompt } : {}),
    resolution: batch.resolution,
    aspectRatio: batch.aspectRatio,
  };
  const started = performance.now();
  const image = await deps.generator.render(input);
  const generationTimeMs = Math.round(performance.now() - started);
  job.signal.throwIfAborted();
  return job.withAccount(async (db) => {
    const locked = await lockBatch(db, job, batch.id);
    if (locked.done.includes(expression)) return locked;
    const file = await deps.files.put(db, {
      accountId: job.accountId,
      bytes: image.bytes,
      contentType: image.contentType,
    });
    await insertDifference(db, {
      accountId: job.accountId,
      characterId: batch.characterId,
      batchId: batch.id,
      expression,
      customPrompt: input.customPrompt ?? null,
      imageFileId: file.id,
      consistencyScore: consistencyScore(input),
      generationTimeMs,
      resolution: batch.resolution,
      aspectRatio: batch.aspectRatio,
    });
    return recordGenerationProgress(db, job.accountId, batch.id);
  });
}

type GenerateJob = typeof studio.generateJob;

async function generate(
  deps: GenerateDependencies,
  job: JobContext<JobPayload<GenerateJob>>,
): Promise<JobResult<GenerateJob>> {
  const { batchId } = job.payload;
  const batch = await job.withAccount((db) => lockBatch(db, job, batchId));
  if (batch.status === 'completed') return { batchId, characterId: batch.characterId };
  // A retry resumes: expressions an earlier run stored are not drawn again.
  for (const expression of batch.expressions.filter((e) => !batch.done.includes(e))) {
    job.signal.throwIfAborted();
    const progress = await drawExpression(deps, job, batch, expression);
    await job.reportProgress(Math.floor((progress.completed * 100) / progress.totalDifferences));
  }
  // Last, the character's mean score: one write to the character's row per batch, not one per
  // image (a batch that ends otherwise gets it from migrations/0007's trigger).
  await job.withAccount(async (db) => {
    await lockBatch(db, job, batchId);
    await refreshAverageDifferenceConsistency(db, job.accountId, batch.characterId);
  });
  return { batchId, characterId: batch.characterId };
}

/** The handlers on the engines the composition root chose (src/jobs.ts). */
export function createJobHandlers(deps: GenerateDependencies): Record<string, JobHandler> {
  return jobHandler(studio.generateJob, (job) => generate(deps, job));
}
