/**
 * Character Studio with the SDK, end to end: upload a base image, create a
 * character, generate five expressions, follow the job with a progress bar,
 * and download the images into a folder.
 *
 *   npm start                                  # in another terminal: prints a demo API key
 *   YOROZU_API_KEY=yz_… node examples/studio/index.ts [output folder]
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. Each run spends one
 * studio credit (free plan: 5 a month); when they are spent it says when they
 * come back.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Job, QuotaExceededError, Yorozu } from '@yorozu/sdk';

const EXPRESSIONS = ['neutral', 'happy', 'angry', 'sad', 'surprised'] as const;

/** A small SVG to stand for the artist's base drawing; any PNG, JPEG, WebP or SVG will do. */
function baseImage(): Blob {
  const svg = [
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">',
    '<rect width="256" height="256" fill="#fde4ec"/>',
    '<circle cx="128" cy="110" r="62" fill="#ffe4d4"/>',
    '<path d="M62 110 Q64 36 128 40 Q192 36 194 110 L194 230 L170 230 L168 120 Q128 80 88 120 L86 230 L62 230 Z" fill="#f48fb1"/>',
    '<circle cx="106" cy="118" r="9" fill="#3b73d9"/><circle cx="150" cy="118" r="9" fill="#3b73d9"/>',
    '<path d="M60 256 Q128 176 196 256 Z" fill="#f7f7fa"/>',
    '</svg>',
  ].join('');
  return new Blob([svg], { type: 'image/svg+xml' });
}

function progressBar(job: Job, width = 30): string {
  const filled = Math.round((job.progress / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(job.progress).padStart(3)}% ${job.status}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

export interface StudioRun {
  characterId: string;
  files: string[];
}

export async function runStudioExample(
  client: Yorozu,
  outputDir: string,
  print: (line: string) => void = console.log,
  showProgress: (bar: string) => void = (bar) => print(bar),
): Promise<StudioRun> {
  const file = await client.files.create({ body: baseImage() });
  print(`Uploaded the base image: ${file.id} (${file.contentType}, ${file.size} bytes)`);

  const character = await client.studio.characters.create({
    name: 'ゆあちゃん',
    baseImageFileId: file.id,
    artStyle: 'anime',
    features: {
      hair: { color: 'pink', style: 'long', length: 'waist' },
      eyes: { color: 'blue', shape: 'round' },
      outfit: { primary: 'white dress', secondary: 'ribbon', accessories: ['earrings'] },
      bodyType: 'slender',
    },
  });
  print(`Created ${character.name} (${character.id})`);
  print(`  master prompt: ${character.masterPrompt}`);

  const accepted = await client.studio.generations.create({
    id: character.id,
    expressions: [...EXPRESSIONS],
    resolution: '1K',
    aspectRatio: '3:4',
  });
  print(`Generating ${accepted.generation.totalDifferences} expressions (batch ${accepted.batchId}) …`);
  await client.jobs.wait(accepted.job.id, {
    signal: AbortSignal.timeout(120_000),
    onProgress: (job) => showProgress(progressBar(job)),
  });
  showProgress(progressBar({ ...accepted.job, status: 'succeeded', progress: 100 }));
  const batch = await client.studio.generations.get({ id: accepted.batchId });
  print(`Batch ${batch.status}: ${batch.completed} of ${batch.totalDifferences} expressions drawn`);

  const folder = join(outputDir, character.id);
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  for await (const difference of client.studio.differences.list({ id: character.id })) {
    if (difference.batchId !== accepted.batchId) continue;
    const image = await client.files.get({ id: difference.imageFileId });
    const path = join(folder, `${difference.expression}.${EXTENSIONS[image.type] ?? 'bin'}`);
    await writeFile(path, Buffer.from(await image.arrayBuffer()));
    files.push(path);
    print(
      `  ${difference.expression.padEnd(10)} consistency ${difference.consistencyScore.toFixed(2)}  → ${path}`,
    );
  }

  const { averageDifferenceConsistency } = await client.studio.characters.get({ id: character.id });
  print(
    `Base image consistency ${character.consistencyScore?.toFixed(2)}; its expressions average ${averageDifferenceConsistency?.toFixed(2)}`,
  );

  const credits = await client.studio.credits.get();
  const left = credits.remaining === null ? 'unlimited' : `${credits.remaining} of ${credits.monthlyQuota}`;
  print(`Credits left this month: ${left} (${credits.plan} plan; resets ${credits.resetDate})`);
  return { characterId: character.id, files };
}

if (import.meta.main) {
  const client = new Yorozu();
  const outputDir = process.argv[2] ?? 'studio-output';
  // On a terminal the bar redraws in place; piped, each change is a line.
  const showProgress = process.stdout.isTTY
    ? (bar: string) => process.stdout.write(`\r${bar}${bar.includes('succeeded') ? '\n' : ''}`)
    : undefined;
  try {
    await runStudioExample(client, outputDir, console.log, showProgress);
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error;
    const back = error.resetsAt ? `; they come back ${error.resetsAt.toISOString()}` : '';
    console.error(`No studio credits left (${error.used} of ${error.limit} used)${back}.`);
    process.exitCode = 2;
  }
}
