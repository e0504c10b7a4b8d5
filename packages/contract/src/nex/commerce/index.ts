export * as ledger from './ledger.ts';
export * as money from './money.ts';
export * as payments from './payments.ts';
