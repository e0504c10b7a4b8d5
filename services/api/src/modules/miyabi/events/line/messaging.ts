/**
 * Sending LINE messages: the `LineMessaging` interface the outbox's delivery task calls, chosen in
 * the composition root. `lineMessagingApi` is the Messaging API itself
 * (https://developers.line.biz/en/reference/messaging-api/#send-reply-message and
 * #send-push-message): a reply while the event's reply token is fresh, else (or when LINE refuses
 * the token) a push to the user, with `X-Line-Retry-Key` so that a retried push is sent once
 * (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/). Without a channel
 * access token nothing can be sent: `notConfiguredLineMessaging` leaves replies in the outbox.
 */

export interface LineTextMessage {
  type: 'text';
  text: string;
}

export interface LineDelivery {
  /** The webhook event's reply token while it is still fresh; null to push. */
  replyToken: string | null;
  /** The LINE user to push to. */
  to: string;
  messages: readonly LineTextMessage[];
  /** A UUID per outbox row: LINE executes a push with the same key once. */
  retryKey: string;
}

export type DeliveryOutcome = 'replied' | 'pushed';

/** LINE refused the request for good (4xx other than 429): retrying sends nothing. */
export class LineRejected extends Error {
  override name = 'LineRejected';
}

export interface LineMessaging {
  readonly name: string;
  /** False when nothing can be sent (no access token): the delivery task then leaves the outbox alone. */
  readonly configured: boolean;
  /** Throws `LineRejected` for a permanent refusal; anything else thrown is worth a retry. */
  send(delivery: LineDelivery): Promise<DeliveryOutcome>;
}

export const notConfiguredLineMessaging: LineMessaging = {
  name: 'none',
  configured: false,
  send() {
    return Promise.reject(new LineRejected('No LINE channel access token is configured.'));
  },
};

export interface LineMessagingApiOptions {
  /** `https://api.line.me` in production; a local fake in tests. */
  baseUrl: string;
  channelAccessToken: string;
  timeoutMs?: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

export function lineMessagingApi(options: LineMessagingApiOptions): LineMessaging {
  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    fetch(new URL(path, options.baseUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.channelAccessToken}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });

  async function refusal(response: Response, what: string): Promise<Error> {
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    const message = `LINE ${what} answered ${response.status}: ${detail}`;
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
    return permanent ? new LineRejected(message) : new Error(message);
  }

  return {
    name: 'line',
    configured: true,
    async send(delivery) {
      if (delivery.replyToken) {
        const reply = await post('/v2/bot/message/reply', {
          replyToken: delivery.replyToken,
          messages: delivery.messages,
        });
        if (reply.ok) return 'replied';
        // An expired or used token is a 400; the user still gets the message, by push.
        if (reply.status !== 400) throw await refusal(reply, 'reply');
        await reply.body?.cancel();
      }
      const push = await post(
        '/v2/bot/message/push',
        { to: delivery.to, messages: delivery.messages },
        { 'x-line-retry-key': delivery.retryKey },
      );
      // 409: an earlier attempt with this retry key was accepted.
      if (push.ok || push.status === 409) {
        await push.body?.cancel();
        return 'pushed';
      }
      throw await refusal(push, 'push');
    },
  };
}
