/**
 * Reviews (docs/products/miyabi.md, Reviews): one per account and plugin, by subscribers only.
 * The service checks the subscription for a clear 403; reviews_insert checks it again.
 */
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import { DomainError, notFound } from '../../../kernel/errors.ts';
import { findSubscriptionOf } from '../../../kernel/metering/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { findPluginAuthor } from './plugin-queries.ts';
import { deleteReview, listReviews, upsertReview } from './review-queries.ts';

async function assertPlugin(db: CommonQueryMethods, pluginId: string) {
  if (!(await findPluginAuthor(db, pluginId))) throw notFound('plugin');
}

export async function review(
  db: DatabaseTransactionConnection,
  accountId: string,
  pluginId: string,
  request: { rating: number; body?: string },
) {
  await assertPlugin(db, pluginId);
  const subscription = await findSubscriptionOf(db, { accountId, product: 'miyabi', subject: pluginId });
  if (!subscription) {
    throw new DomainError('forbidden', `Only subscribers of ${pluginId} may review it: subscribe first.`);
  }
  return upsertReview(db, accountId, pluginId, { rating: request.rating, body: request.body ?? '' });
}

export async function unreview(db: DatabaseTransactionConnection, accountId: string, pluginId: string) {
  await deleteReview(db, accountId, pluginId);
}

export async function pluginReviews(
  db: DatabaseTransactionConnection,
  pluginId: string,
  query: { limit?: number; cursor?: string },
) {
  await assertPlugin(db, pluginId);
  return paginate('miyabi-reviews', query, (after, take) => listReviews(db, pluginId, after, take));
}
