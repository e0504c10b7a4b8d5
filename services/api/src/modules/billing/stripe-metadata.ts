/**
 * The metadata the API's checkouts put on Stripe objects (kernel/payments: `accountId`,
 * `product`, `plan`, `subject`), read back from a subscription's or a Checkout session's events.
 * A signed event is still input, so each value is checked before it reaches the database.
 */
import { isStorableText } from '../../kernel/text.ts';

type Metadata = Record<string, string> | null | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The longest plugin id a subscription or purchase names (their `subject` columns). */
const SUBJECT_MAX_LENGTH = 200;

export const NOT_A_SUBJECT = `metadata.subject is not a plugin id (at most ${SUBJECT_MAX_LENGTH} characters)`;

/** The buying account, or null when the metadata names none. */
export function metadataAccountId(metadata: Metadata): string | null {
  const accountId = metadata?.['accountId'];
  return accountId && UUID.test(accountId) ? accountId : null;
}

/** The plugin bought, for a plan sold per plugin ('' otherwise); null when it is not a plugin id. */
export function metadataSubject(
  plan: { subscribedPer: 'account' | 'plugin' },
  metadata: Metadata,
): string | null {
  const subject = plan.subscribedPer === 'plugin' ? (metadata?.['subject'] ?? '') : '';
  return subject.length > SUBJECT_MAX_LENGTH || !isStorableText(subject) ? null : subject;
}
