/** Server-Sent Events in tests: a response body split into its events (https://html.spec.whatwg.org/multipage/server-sent-events.html). */

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export function parseSse(body: string): SseEvent[] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event: SseEvent = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1).trim();
        else {
          const [field, ...rest] = line.split(': ');
          event[field as 'id' | 'event' | 'data'] = rest.join(': ');
        }
      }
      return event;
    });
}

/** The parsed `data` of the events that have one. */
export const dataOf = (events: SseEvent[]) =>
  events.filter((e) => e.data).map((e) => JSON.parse(e.data as string));
