/**
 * `stickers.render`: draws one sticker (a task of the original design,
 * pending → processing → completed | failed, is the kernel job). Jobs run at least
 * once, so the handler first looks for the image a previous run stored
 * (generated_images.job_id is unique) and the store, the image row and the
 * cache entry commit in one transaction. A throw fails the attempt; after the
 * last one the kernel refunds the image, once, and the job's settling counts
 * it in usage_stats (migrations/0005_stickers.sql).
 */
import { type JobPayload, type JobResult, stickers } from '@yorozu/contract';
import type { ImageGenerator, RenderedImage, StickerRenderInput } from '@yorozu/renderers';
import type { FileStore } from '../../kernel/files/index.ts';
import {
  type JobContext,
  JobFailure,
  type JobHandler,
  jobHandler,
  type ScheduledTask,
} from '../../kernel/jobs/index.ts';
import { rasterizeOffThread } from '../../kernel/threads/index.ts';
import { cleanupStickers } from './cleanup.ts';
import { findImageOfJob, insertImage, upsertCacheEntry } from './queries.ts';
import { describeSticker, type StickerSpec } from './spec.ts';

type RenderJob = typeof stickers.renderJob;

export interface RenderDependencies {
  generator: ImageGenerator<StickerRenderInput>;
  files: FileStore;
}

function resultOf(image: { id: string; fileId: string; imageUrl: string }): JobResult<RenderJob> {
  return { imageId: image.id, fileId: image.fileId, imageUrl: image.imageUrl };
}

/** The renderer's input; a source image is read from the file store (it may have been deleted since the request). */
async function renderInput(
  deps: RenderDependencies,
  job: JobContext,
  spec: StickerSpec,
): Promise<StickerRenderInput> {
  const { sourceImageFileId, format: _format, ...drawn } = spec;
  if (sourceImageFileId === null) return drawn;
  const source = await job.withAccount((db) => deps.files.get(db, job.accountId, sourceImageFileId));
  if (!source) {
    throw new JobFailure(
      'source_image_missing',
      'The source image was deleted before the sticker was drawn.',
      {
        retry: false,
      },
    );
  }
  return { ...drawn, sourceImage: { bytes: source.bytes, contentType: source.contentType } };
}

async function draw(
  deps: RenderDependencies,
  input: StickerRenderInput,
  spec: StickerSpec,
): Promise<RenderedImage> {
  const svg = await deps.generator.render(input);
  return spec.format === 'png' ? rasterizeOffThread(svg) : svg;
}

async function render(
  deps: RenderDependencies,
  job: JobContext<JobPayload<RenderJob>>,
): Promise<JobResult<RenderJob>> {
  const { payload } = job;
  const { spec } = payload;
  const stored = await job.withAccount((db) => findImageOfJob(db, job.accountId, job.jobId));
  if (stored) return resultOf(stored);

  await job.reportProgress(10);
  const input = await renderInput(deps, job, spec);
  await job.reportProgress(30);
  const image = await draw(deps, input, spec);
  job.signal.throwIfAborted();
  await job.reportProgress(80);

  const created = await job.withAccount(async (db) => {
    const file = await deps.files.put(db, {
      accountId: job.accountId,
      bytes: image.bytes,
      contentType: image.contentType,
    });
    const row = await insertImage(db, {
      accountId: job.accountId,
      jobId: job.jobId,
      fileId: file.id,
      spec,
      prompt: describeSticker(spec),
      promptHash: payload.promptHash,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      generator: deps.generator.name,
    });
    await upsertCacheEntry(db, {
      accountId: job.accountId,
      promptHash: payload.promptHash,
      imageId: row.id,
      ttlDays: payload.cacheTtlDays,
      metadata: { jobId: job.jobId, generator: deps.generator.name, size: file.size },
    });
    return row;
  });
  return resultOf(created);
}

/** The handlers on the engines the composition root chose (src/jobs.ts). */
export function createJobHandlers(deps: RenderDependencies): Record<string, JobHandler> {
  return jobHandler(stickers.renderJob, (job) => render(deps, job));
}

/**
 * The product's maintenance, hourly at :17 UTC on the job engine: finished render jobs older
 * than 7 days and expired cache entries (cleanup.ts). graphile-worker fires it once per tick
 * across all workers; overlapping runs split the rows between them.
 */
export const scheduledTasks: readonly ScheduledTask[] = [
  { identifier: 'stickers.cleanup', pattern: '17 * * * *', run: cleanupStickers },
];
