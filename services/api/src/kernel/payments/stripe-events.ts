/**
 * Stripe delivers each webhook event at least once (https://docs.stripe.com/webhooks#handle-duplicate-events):
 * every receiver of Stripe events (subscriptions, nex payments) records the event id first and
 * skips one it has seen.
 */
import { type CommonQueryMethods, sql } from 'slonik';
import { NoRows } from '../../db/row-type.ts';

/** Records a Stripe event id; false when it was processed before (a redelivery). */
export async function recordStripeEvent(db: CommonQueryMethods, id: string, type: string): Promise<boolean> {
  const result = await db.query(sql.type(NoRows)`
    INSERT INTO platform.stripe_events (id, type) VALUES (${id}, ${type}) ON CONFLICT (id) DO NOTHING
  `);
  return result.rowCount === 1;
}
