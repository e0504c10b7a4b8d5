/**
 * The money side of paid tickets. Until a payment provider is wired in, paid tickets cannot be
 * sold: saying a reservation could be paid when nothing can take the money would be a lie, so
 * ordering a paid ticket answers 503 (free tickets are unaffected).
 */
import { DomainError } from '../../../kernel/errors.ts';
import type { TicketPayments } from './tickets.ts';

const unavailable = () =>
  new DomainError('unavailable', 'Paid tickets need the payment provider, which is not configured here.', {
    retryAfter: 300,
  });

export const paymentsUnavailable: TicketPayments = {
  async start() {
    throw unavailable();
  },
  async find() {
    return null;
  },
  async refund() {
    throw unavailable();
  },
};
