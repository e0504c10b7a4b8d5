/**
 * A learner turn's recording: one of the account's audio files. Its duration is the one the files
 * kernel measured from the bytes when the file was stored (music-metadata), never a duration the
 * client sends; the quota charges it rounded up to the second.
 */
import type { DatabaseTransactionConnection } from 'slonik';
import { validationFailed } from '../../kernel/errors.ts';
import type { FileStore } from '../../kernel/files/index.ts';

const FIELD = '/body/audioFileId';

export interface MeasuredAudio {
  fileId: string;
  durationMs: number;
  /** What the quota charges: the duration rounded up to the second. */
  seconds: number;
  bytes: Buffer;
  contentType: string;
}

export async function measureAudio(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  fileId: string,
): Promise<MeasuredAudio> {
  const file = await files.get(db, accountId, fileId);
  if (!file) throw validationFailed(FIELD, 'is not a file of this account');
  if (!file.contentType.startsWith('audio/') || file.durationMs === null) {
    throw validationFailed(FIELD, `must be an audio file, not ${file.contentType}`);
  }
  if (file.durationMs <= 0) throw validationFailed(FIELD, 'has no measurable duration');
  return {
    fileId,
    durationMs: file.durationMs,
    seconds: Math.ceil(file.durationMs / 1000),
    bytes: file.bytes,
    contentType: file.contentType,
  };
}
