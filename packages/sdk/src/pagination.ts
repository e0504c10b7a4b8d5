/**
 * Cursor pagination. A list call returns a `PagePromise`: a promise of the first page that is
 * also an async iterator over every item, with `.pages()`, `.toArray({ maxItems })` and a
 * resumable `.cursor`.
 */
import { YorozuError } from './errors';

export interface Page<T> {
  data: T[];
  /** Pass as `startCursor` (or `cursor`) for the next page; null on the last page. */
  nextCursor: string | null;
  hasMore: boolean;
  response: Response;
}

export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  /**
   * Where a walk stands: the cursor of the page being walked (`undefined` for the first page),
   * `null` once the last page is done. Persist it and pass it as `startCursor` to resume after
   * a failure: the page it names is fetched again, so items are seen at least once.
   */
  cursor: string | null | undefined;
  private readonly start: string | undefined;
  private readonly first: Promise<Page<T>>;
  private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>;

  constructor(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, start?: string) {
    this.fetchPage = fetchPage;
    this.cursor = this.start = start;
    this.first = fetchPage(start);
  }

  // biome-ignore lint/suspicious/noThenProperty: a page promise is awaitable by design.
  then<A = Page<T>, B = never>(
    onfulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.first.then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.first.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.first.finally(onfinally);
  }

  /** Every page, from the first (or `startCursor`) to the last. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let cursor = this.start;
    let page = await this.first;
    for (;;) {
      this.cursor = cursor;
      yield page;
      const next = page.nextCursor;
      if (next == null) {
        this.cursor = null;
        return;
      }
      if (next === cursor) throw new YorozuError(`The API returned the same cursor twice: ${next}`);
      this.cursor = cursor = next;
      page = await this.fetchPage(cursor);
    }
  }

  /** Every item of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Up to `maxItems` items, fetching no page beyond the one that completes them. */
  async toArray(options: { maxItems: number }): Promise<T[]> {
    const max = options?.maxItems;
    if (!(max >= 0)) throw new TypeError('toArray() needs { maxItems }: a cap on how many items to collect');
    const items: T[] = [];
    if (max === 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}
