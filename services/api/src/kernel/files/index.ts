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
  sniffFileType,
  sniffImageType,
} from './sniff.ts';
export {
  etagOf,
  type FileLimits,
  type FileStore,
  type NewStoredFile,
  postgresFileStore,
  SNIFF_BYTES,
  type StoredFile,
  sizeLimitOf,
} from './store.ts';
