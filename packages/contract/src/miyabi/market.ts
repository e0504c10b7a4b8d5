/** Miyabi's marketplace: plugins, reviews, per-plugin subscriptions, licences and usage metering. */
export * as licenses from './market-licenses.ts';
export * as plugins from './market-plugins.ts';
export * as reviews from './market-reviews.ts';
export * as usage from './market-usage.ts';
