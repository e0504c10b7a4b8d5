/**
 * The sticker generator with the SDK, end to end: render a set of five
 * Bikkuriman-style stickers covering every rarity, follow their jobs with
 * progress, and save the images into a folder.
 *
 *   npm start                                     # in another terminal: prints a demo API key
 *   YOROZU_API_KEY=yz_… node examples/stickers/index.ts [output folder]
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. Each new sticker spends
 * one image of the day (free plan: 10 a day, back at 00:00 UTC); running the
 * example again is free, because the prompt cache answers the same requests
 * at once (201, no job).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QuotaExceededError, type Schemas, Yorozu } from '@yorozu/sdk';

type StickerRequest = Schemas['StickerRequest'];
type StickerImage = Schemas['StickerImage'];

/** One sticker of each rarity, and a second secret rare: five in all. */
export const STICKER_SET: readonly StickerRequest[] = [
  {
    title: '森の守り神',
    characterName: 'ミドリン',
    attribute: 'wind',
    rarity: 'common',
    backgroundColor: '#F0E6C8',
    style: { frame: 'simple', pattern: 'dots' },
  },
  {
    title: 'Night Devil',
    characterName: 'Black Zeus',
    attribute: 'dark',
    rarity: 'rare',
    backgroundColor: '#241A3A',
    effects: { glow: true },
  },
  {
    title: '炎の鬼神',
    characterName: 'アカオニ',
    attribute: 'fire',
    rarity: 'super_rare',
    backgroundColor: '#D84A2C',
    effects: { sparkle: true, glow: true },
    style: { pattern: 'stars' },
  },
  {
    title: 'スーパーゼウス',
    characterName: 'ヘッドロココ',
    attribute: 'holy',
    rarity: 'secret',
    backgroundColor: '#3A7BD5',
    effects: { sparkle: true, glow: true, holo: true },
    style: { frame: 'ornate', pattern: 'rays' },
  },
  {
    title: 'Thunder Oracle',
    characterName: 'Raijin',
    attribute: 'thunder',
    rarity: 'secret',
    backgroundColor: '#1B2B4B',
    effects: { sparkle: true, holo: true },
    style: { frame: 'ornate', pattern: 'stars' },
  },
];

const EXTENSIONS: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png' };

export interface StickerRun {
  /** One per sticker, in the order of the set. */
  images: StickerImage[];
  files: string[];
  /** How many came from the prompt cache rather than a job. */
  cached: number;
}

/** Requests one sticker and resolves with its image: at once from the cache, or when its job has drawn it. */
async function renderOne(
  client: Yorozu,
  request: StickerRequest,
  onProgress: (label: string, percent: number) => void,
): Promise<{ image: StickerImage; cached: boolean }> {
  const label = `${request.rarity.padEnd(10)} ${request.title}`;
  const created = await client.stickers.images.create(request);
  if (created.image) {
    onProgress(label, 100);
    return { image: created.image, cached: true };
  }
  if (!created.job) throw new Error('The API answered neither an image nor a job.');
  // The job's type types its result: a stickers.render job's is { fileId, imageId, imageUrl }.
  const job = await client.jobs.wait<'stickers.render'>(created.job.id, {
    signal: AbortSignal.timeout(120_000),
    onProgress: (update) => onProgress(label, update.progress),
  });
  return { image: await client.stickers.images.get({ id: job.result.imageId }), cached: false };
}

export async function runStickersExample(
  client: Yorozu,
  outputDir: string,
  print: (line: string) => void = console.log,
): Promise<StickerRun> {
  const shown = new Map<string, number>();
  const onProgress = (label: string, percent: number) => {
    // Each sticker's progress only moves forward; print it when it does.
    if ((shown.get(label) ?? -1) >= percent) return;
    shown.set(label, percent);
    const bar = '#'.repeat(Math.round(percent / 5)).padEnd(20, '.');
    print(`  [${bar}] ${String(percent).padStart(3)}%  ${label}`);
  };
  print(`Rendering ${STICKER_SET.length} stickers …`);
  const rendered = await Promise.all(STICKER_SET.map((request) => renderOne(client, request, onProgress)));

  await mkdir(outputDir, { recursive: true });
  const files: string[] = [];
  for (const [index, { image, cached }] of rendered.entries()) {
    const bytes = await client.files.get({ id: image.fileId });
    const path = join(outputDir, `${index + 1}-${image.rarity}.${EXTENSIONS[bytes.type] ?? 'bin'}`);
    await writeFile(path, Buffer.from(await bytes.arrayBuffer()));
    files.push(path);
    print(
      `  ${image.rarity.padEnd(10)} ${image.title} / ${image.characterName} → ${path}${cached ? ' (cached)' : ''}`,
    );
  }

  const today = new Date().toISOString().slice(0, 10);
  const usage = await client.stickers.usage.list({ from: today, to: today });
  const day = usage.data[0];
  if (day) {
    print(
      `Today: ${day.imageCount} rendered, ${day.cacheHitCount} from the cache, ${day.failureCount} failed.`,
    );
  }
  return {
    images: rendered.map(({ image }) => image),
    files,
    cached: rendered.filter(({ cached }) => cached).length,
  };
}

if (import.meta.main) {
  const client = new Yorozu();
  try {
    await runStickersExample(client, process.argv[2] ?? 'stickers-output');
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error;
    const back = error.resetsAt ? `; they come back ${error.resetsAt.toISOString()}` : '';
    console.error(`No sticker images left today (${error.used} of ${error.limit} used)${back}.`);
    process.exitCode = 2;
  }
}
