/**
 * nex commerce's recurring work: every minute, orders left unpaid past their hold are cancelled
 * and their stock released (docs/products/nex.md, Orders), at most 500 a run so a run stays bounded.
 */
import type { ScheduledTask } from '../../../kernel/jobs/index.ts';
import { expireOrders } from './orders.ts';

export const commerceScheduledTasks: readonly ScheduledTask[] = [
  { identifier: 'nex.orders.expire', pattern: '* * * * *', run: (pool) => expireOrders(pool) },
];
