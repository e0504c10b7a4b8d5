/** The marketplace part of Miyabi: plugins, reviews, subscriptions, licences and usage. */
export { type MarketOptions, marketRoutes } from './routes.ts';
