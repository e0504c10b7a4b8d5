/**
 * Starting a generation batch (one batch = one credit, docs/products/studio.md). In the
 * request's one transaction: the credit is spent, the kernel job enqueued and
 * the batch row written, so a 402 or any failure leaves none of them, and an
 * Idempotency-Key replay returns the same batch without spending again.
 */
import { randomUUID } from 'node:crypto';
import { studio } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { notFound } from '../../kernel/errors.ts';
import { enqueueJob, jobResource } from '../../kernel/jobs/index.ts';
import type { SpendAtCommit } from '../../kernel/metering/index.ts';
import { findCharacter, insertGeneration } from './queries.ts';

type GenerationRequest = Static<typeof studio.generations.GenerationRequest>;

export async function startGeneration(
  db: DatabaseTransactionConnection,
  spendAtCommit: SpendAtCommit,
  accountId: string,
  characterId: string,
  request: GenerationRequest,
) {
  const character = await findCharacter(db, accountId, characterId);
  if (!character) throw notFound('character');

  const batchId = randomUUID();
  // Settled as the transaction's last statement: the job and the batch name its ledger id first.
  const spent = await spendAtCommit({
    accountId,
    product: 'studio',
    metric: 'credits',
    amount: 1,
    reason: 'studio.generations.create',
    referenceId: batchId,
  });
  const job = await enqueueJob(db, studio.generateJob, {
    accountId,
    payload: { batchId },
    quotaLedgerEntryId: spent.id,
  });
  const generation = await insertGeneration(db, {
    id: batchId,
    accountId,
    characterId: character.id,
    jobId: job.id,
    quotaLedgerEntryId: spent.id,
    expressions: request.expressions,
    customPrompt: request.customPrompt ?? null,
    resolution: request.resolution ?? studio.DEFAULT_RESOLUTION,
    aspectRatio: request.aspectRatio ?? studio.DEFAULT_ASPECT_RATIO,
  });
  return { batchId, job: jobResource(job), generation };
}
