/** The worker-thread pool for CPU-heavy work (files, images, speech): what the files kernel and product jobs call. */
export {
  inspectFileOffThread,
  rasterizeOffThread,
  synthesizeSpeechOffThread,
  webpToPngOffThread,
} from './pool.ts';
