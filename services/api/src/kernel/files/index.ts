/** The files kernel: the store product modules put files in, and what the files routes serve. */

export { type Dimensions, pixelLimitProblem, rasterDimensions } from './dimensions.ts';
export { type FileShare, shareFile, unshareFile } from './shares.ts';
export {
  type AudioType,
  type FileKind,
  type FileType,
  type ImageType,
  isAudioType,
  isImageType,
  isVideoType,
  sniffFileType,
  sniffImageType,
} from './sniff.ts';
export { discardUpload, type FileBody, SNIFF_BYTES, SpooledUpload, spoolUpload } from './spool.ts';
export {
  CHUNK_BYTES,
  etagOf,
  type FileLimits,
  type FileStore,
  type NewStoredFile,
  postgresFileStore,
  type ReadLater,
  type StoredFile,
  sizeLimitOf,
} from './store.ts';
