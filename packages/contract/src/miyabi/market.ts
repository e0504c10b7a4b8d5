/** Miyabi's marketplace: plugins, reviews, per-plugin subscriptions, licences and usage metering. */
export * as plugins from './market-plugins.ts';
