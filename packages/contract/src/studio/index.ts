/** Character Studio (docs/products/studio.md): `/v1/studio/...`. */
export * as characters from './characters.ts';
export * as credits from './credits.ts';
export * as differences from './differences.ts';
export * from './features.ts';
export * as generations from './generations.ts';
export * from './job.ts';
export * as stats from './stats.ts';
export * from './vocabulary.ts';
