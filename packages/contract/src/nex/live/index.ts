export * as events from './events.ts';
export * as referrals from './referrals.ts';
export * as streams from './streams.ts';
export * as tickets from './tickets.ts';
