/** The files kernel: the store product modules put images in, and what the files routes serve. */
export { type ImageType, sniffImageType } from './sniff.ts';
export {
  checkImage,
  etagOf,
  type FileStore,
  type NewStoredFile,
  postgresFileStore,
  type StoredFile,
} from './store.ts';
export { svgProblem } from './svg.ts';
