/**
 * Cursor pagination. A list call returns a `PagePromise`: a real promise of the first page that
 * is also an async iterator over every item, with `.pages()`, `.toArray({ maxItems })`,
 * `.withResponse()` and a resumable `.cursor`. Nothing is fetched until it is awaited or iterated.
 */
import { UsageError, YorozuError } from './errors';
import { type RequestIdentified, type WithResponse, withResponse } from './resource';

export interface Page<T> extends RequestIdentified {
  data: T[];
  /** Pass as `startCursor` (or `cursor`) for the next page; null on the last page. */
  nextCursor: string | null;
  hasMore: boolean;
  response: Response;
}

/** `.cursor` of a finished walk; as `startCursor` it walks nothing. Not a valid API cursor (`~`). */
const DONE = '~done';

export class PagePromise<T> extends Promise<Page<T>> implements AsyncIterable<T> {
  /**
   * The `.cursor` of a finished walk, a string that survives JSON and SQL like any other
   * cursor; passed back as `startCursor`, it walks nothing.
   */
  static readonly DONE: string = DONE;

  /**
   * Where a walk stands, in one of three states that survive JSON and SQL storage:
   * - `null`: not started; resuming from it walks from the beginning;
   * - an API cursor: the page being walked; resuming fetches that page again, so items are
   *   seen at least once, never skipped;
   * - `PagePromise.DONE`: the last page is done; resuming from it walks nothing.
   */
  cursor: string | null;
  readonly #start: string | null;
  readonly #fetchPage: (cursor: string | null) => Promise<Page<T>>;
  #first: Promise<Page<T>> | undefined;

  constructor(fetchPage: (cursor: string | null) => Promise<Page<T>>, start: string | null = null) {
    // The settled value of the base promise is never observed: then/catch/finally read the page.
    super((resolve) => resolve(undefined as unknown as Page<T>));
    this.#fetchPage = fetchPage;
    this.cursor = this.#start = start;
  }

  // Derived promises (then, catch) are plain Promises, not PagePromises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The first page, fetched once, on first use. */
  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#start === DONE ? Promise.resolve(done<T>()) : this.#fetchPage(this.#start);
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a page promise is awaitable by design.
  override then<A = Page<T>, B = never>(
    onfulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  override catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<Page<T> | B> {
    return this.#firstPage().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.#firstPage().finally(onfinally);
  }

  /** The first page with the raw `Response`, its request id and the quota headers. */
  withResponse(): Promise<WithResponse<Page<T>>> {
    return this.#firstPage().then((page) => withResponse({ data: page, response: page.response }));
  }

  /** Every page, from the first (or `startCursor`) to the last. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let cursor = this.#start;
    let page = await this.#firstPage();
    for (;;) {
      this.cursor = cursor;
      yield page;
      const next = page.nextCursor;
      if (next == null) {
        this.cursor = DONE;
        return;
      }
      if (next === cursor) throw new YorozuError(`The API returned the same cursor twice: ${next}`);
      this.cursor = cursor = next;
      page = await this.#fetchPage(cursor);
    }
  }

  /** Every item of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Up to `maxItems` items, fetching no page beyond the one that completes them. */
  async toArray(options: { maxItems: number }): Promise<T[]> {
    const max = options?.maxItems;
    if (!(max >= 0)) throw new UsageError('toArray() needs { maxItems }');
    const items: T[] = [];
    if (max === 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}

/** The empty last page a walk resumed from `DONE` starts (and ends) with. */
const done = <T>(): Page<T> => ({
  data: [],
  nextCursor: null,
  hasMore: false,
  response: new Response(null, { status: 204 }),
});
