export * as events from './events.ts';
export * as referrals from './referrals.ts';
export * as tickets from './tickets.ts';
