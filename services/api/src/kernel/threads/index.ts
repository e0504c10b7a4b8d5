/** The worker-thread pool for CPU-heavy file and image work: what the files kernel and product jobs call. */
export { inspectFileOffThread, rasterizeOffThread } from './pool.ts';
