/** The worker-thread pool for CPU-heavy image work: what the files kernel and product jobs call. */
export { inspectImageOffThread, rasterizeOffThread } from './pool.ts';
