/** The files kernel: the store product modules put images in, and what the files routes serve. */

export { type Dimensions, pixelLimitProblem, rasterDimensions } from './dimensions.ts';
export { type ImageType, sniffImageType } from './sniff.ts';
export {
  etagOf,
  type FileStore,
  type NewStoredFile,
  postgresFileStore,
  type StoredFile,
} from './store.ts';
