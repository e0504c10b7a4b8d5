export * as images from './images.ts';
export * from './job.ts';
export * as usage from './usage.ts';
