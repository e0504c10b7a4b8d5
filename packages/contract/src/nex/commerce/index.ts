export * as ledger from './ledger.ts';
export * as money from './money.ts';
export * as orders from './orders.ts';
export * as payments from './payments.ts';
export * as products from './products.ts';
export * as withdrawals from './withdrawals.ts';
