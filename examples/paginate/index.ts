/**
 * Resumable pagination with the SDK: walk every API key of the account a page at a time,
 * saving the walk's cursor to a file after each key. A crash is simulated half-way; the second
 * walk resumes from the saved cursor instead of starting over.
 *
 *   npm start                          # in another terminal: prints a demo API key
 *   YOROZU_API_KEY=yz_… npm run paginate -w @yorozu/examples [cursor file]
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. So that there is something to page
 * through, the example first creates API keys (scope me:read, named "paginate example") until
 * the account has 25.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { Yorozu } from '@yorozu/sdk';

export interface PaginateOptions {
  /** Where the cursor is kept between runs. */
  cursorFile: string;
  /** Keys per page. */
  limit?: number;
  /** Keys the account should have at least. */
  total?: number;
  /** The first walk fails after this many keys. */
  crashAfter?: number;
  print?: (line: string) => void;
}

/** Thrown by the first walk, standing for whatever stops a long job: a deploy, a crash, a bug. */
export class SimulatedCrash extends Error {}

/** `null` (start from the first page) when there is no file: a walk that never began. */
async function loadCursor(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => '{"cursor":null}');
  return (JSON.parse(text) as { cursor: string | null }).cursor;
}

/** Walks every key from the saved cursor on, saving the cursor after each; removes the file at the end. */
export async function walkApiKeys(
  client: Yorozu,
  options: {
    cursorFile: string;
    limit: number;
    crashAfter?: number;
    onKey: (name: string, id: string) => void;
  },
): Promise<void> {
  const walk = client.apiKeys.list(
    { limit: options.limit },
    { startCursor: await loadCursor(options.cursorFile) },
  );
  let walked = 0;
  for await (const key of walk) {
    options.onKey(key.name, key.id);
    // The cursor names the page being walked (null on the first page: start from the beginning).
    await writeFile(options.cursorFile, JSON.stringify({ cursor: walk.cursor }));
    if (++walked === options.crashAfter) throw new SimulatedCrash(`simulated crash after ${walked} keys`);
  }
  // walk.cursor is PagePromise.DONE now: resuming from it would walk nothing. This example
  // starts over on its next run, so it removes the file instead of saving DONE.
  await rm(options.cursorFile, { force: true });
}

export async function runPaginateExample(client: Yorozu, options: PaginateOptions) {
  const { cursorFile, limit = 10, total = 25, crashAfter = 15, print = console.log } = options;
  const existing = await client.apiKeys.list({ limit: 100 }).toArray({ maxItems: total });
  for (let i = existing.length; i < total; i++) {
    await client.apiKeys.create({ name: `paginate example ${i + 1}`, scopes: ['me:read'] });
  }
  if (existing.length < total) print(`Created ${total - existing.length} API keys to page through.`);

  const first: string[] = [];
  try {
    await walkApiKeys(client, {
      cursorFile,
      limit,
      crashAfter,
      onKey: (name, id) => {
        first.push(id);
        print(`  ${String(first.length).padStart(3)}  ${name}`);
      },
    });
  } catch (error) {
    if (!(error instanceof SimulatedCrash)) throw error;
    print(
      `First walk failed: ${error.message}. Saved in ${cursorFile}: ${await readFile(cursorFile, 'utf8')}`,
    );
  }

  const resumed: string[] = [];
  await walkApiKeys(client, {
    cursorFile,
    limit,
    onKey: (name, id) => {
      resumed.push(id);
      print(
        `  ${String(resumed.length).padStart(3)}  ${name}${first.includes(id) ? ' (again: its page was cut short)' : ''}`,
      );
    },
  });
  const all = new Set([...first, ...resumed]);
  print(
    `Resumed walk: ${resumed.length} keys from the saved page on; ${all.size} distinct keys in all, none skipped.`,
  );
  return { first, resumed };
}

if (import.meta.main) {
  const client = new Yorozu({ baseUrl: process.env.YOROZU_BASE_URL ?? 'http://127.0.0.1:3000' });
  await runPaginateExample(client, { cursorFile: process.argv[2] ?? 'paginate-cursor.json' });
}
