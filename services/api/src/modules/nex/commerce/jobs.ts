/**
 * nex commerce's recurring work: every minute, orders left unpaid past their hold are cancelled
 * and their stock released (docs/products/nex.md, Orders), at most 500 a run so a run stays
 * bounded; and requested withdrawals are paid out through the composition root's PayoutProvider
 * (docs/products/nex.md, Withdrawals), at most 100 a run.
 */
import type { ScheduledTask } from '../../../kernel/jobs/index.ts';
import type { PayoutProvider } from '../../../kernel/payments/index.ts';
import { expireOrders } from './orders.ts';
import { payWithdrawals } from './withdrawals.ts';

export const commerceScheduledTasks: readonly ScheduledTask[] = [
  { identifier: 'nex.orders.expire', pattern: '* * * * *', run: (pool) => expireOrders(pool) },
];

/** The tasks that need an engine: the payouts, built from the composition root's provider. */
export function payoutScheduledTasks(payouts: PayoutProvider): readonly ScheduledTask[] {
  return [
    { identifier: 'nex.withdrawals.pay', pattern: '* * * * *', run: (pool) => payWithdrawals(pool, payouts) },
  ];
}
