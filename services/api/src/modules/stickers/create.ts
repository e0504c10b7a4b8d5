/**
 * Accepting a sticker request (docs/products/stickers.md): in the request's one transaction,
 * either the prompt cache answers (201, no job, no quota) or one image of the
 * daily quota is spent and the render job enqueued (202), so a 402 or any
 * failure leaves neither, and an Idempotency-Key replay returns the same
 * answer without spending again.
 */
import { type jobs, stickers } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { validationFailed } from '../../kernel/errors.ts';
import {
  type FileStore,
  isImageType,
  pixelLimitProblem,
  rasterDimensions,
} from '../../kernel/files/index.ts';
import { enqueueJob, jobResource } from '../../kernel/jobs/index.ts';
import type { PreparedSpend, SpendAtCommit } from '../../kernel/metering/index.ts';
import { countCacheHit, findCachedImage } from './queries.ts';
import { describeSticker, normaliseRequest, promptHash, type StickerRequest } from './spec.ts';
import { promptTokens } from './tokens.ts';

type StickerImage = Static<typeof stickers.images.StickerImage>;
type Job = Static<typeof jobs.Job>;

export interface CreateOptions {
  files: FileStore;
  /** The render jobs' generator (`ImageGenerator.name`): the prompt cache keys on it. */
  generatorName: string;
  /** How long the rendered image answers the same request from the cache (STICKER_CACHE_TTL_DAYS). */
  cacheTtlDays: number;
  /** The most pixels a source image may have (IMAGE_MAX_PIXELS): the render decodes it. */
  maxImagePixels: number;
}

/** The response body, and the quota spent: none when the cache answered (201 rather than 202). */
export interface StickerCreation {
  body: { image: StickerImage; job: null } | { image: null; job: Job };
  spent: PreparedSpend | null;
}

/**
 * The source image must be one of the account's files, a raster image (an
 * SVG could carry scripts), and within the pixel limit, since the PNG render
 * decodes it: a file stored before the limit was lowered is checked again.
 */
async function checkSourceImage(
  db: DatabaseTransactionConnection,
  options: CreateOptions,
  accountId: string,
  fileId: string,
): Promise<void> {
  const file = await options.files.get(db, accountId, fileId);
  if (!file) throw validationFailed('/body/sourceImageFileId', 'is not a file of this account');
  if (!isImageType(file.contentType) || file.contentType === 'image/svg+xml') {
    throw validationFailed(
      '/body/sourceImageFileId',
      `must be a PNG, JPEG or WebP image, not ${file.contentType}`,
    );
  }
  const size = rasterDimensions(file.bytes, file.contentType);
  const problem = size ? pixelLimitProblem(size, options.maxImagePixels) : 'has no readable image header';
  if (problem) throw validationFailed('/body/sourceImageFileId', problem);
}

/** The UTC day the spend counts against: the day before the quota resets (stickers images are per day). */
function quotaDay(spent: PreparedSpend): string {
  return new Date(Date.parse(spent.quota.resetsAt) - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export async function createSticker(
  db: DatabaseTransactionConnection,
  accountId: string,
  request: StickerRequest,
  options: CreateOptions,
  spendAtCommit: SpendAtCommit,
): Promise<StickerCreation> {
  const spec = normaliseRequest(request);
  const hash = promptHash(spec, options.generatorName);
  if (spec.sourceImageFileId !== null) await checkSourceImage(db, options, accountId, spec.sourceImageFileId);

  const cached = await findCachedImage(db, accountId, hash);
  if (cached) {
    await countCacheHit(db, accountId);
    return { body: { image: cached, job: null }, spent: null };
  }

  // Settled as the transaction's last statement: the job below names its ledger id first.
  const spent = await spendAtCommit({
    accountId,
    product: 'stickers',
    metric: 'images',
    amount: 1,
    reason: 'stickers.images.create',
  });
  const job = await enqueueJob(db, stickers.renderJob, {
    accountId,
    payload: {
      spec,
      promptHash: hash,
      day: quotaDay(spent),
      promptTokens: promptTokens(describeSticker(spec)),
      cacheTtlDays: options.cacheTtlDays,
    },
    quotaLedgerEntryId: spent.id,
  });
  return { body: { image: null, job: jobResource(job) }, spent };
}
