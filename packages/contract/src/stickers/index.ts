export * as images from './images.ts';
export * as usage from './usage.ts';
