/**
 * What bytes offered to the file store are: their media type and what their
 * header says (an image's pixel size, audio's duration and format, video's
 * duration, size and codec), or why
 * they may not be stored. Runs away from the request's event loop
 * (threads/tasks.ts): an SVG check or an MP3 scanned to its end takes time.
 *
 * A spooled upload (spool.ts) is inspected from its file, on the worker thread, reading what each
 * check needs: its first bytes for the type, a stream for audio (audio.ts), the two ends of a
 * PDF or ZIP (documents.ts). Only images are read whole, into the worker's memory, never the
 * request's: the SVG check parses the whole document, and a JPEG's size may follow any amount of
 * metadata. They are bounded by the image limit (FILE_MAX_BYTES), the smallest.
 */
import { open } from 'node:fs/promises';
import { type AudioFormat, readAudio } from './audio.ts';
import { type Dimensions, rasterDimensions } from './dimensions.ts';
import { PDF_TAIL_BYTES, pdfProblem, ZIP_TAIL_BYTES, zipProblem } from './documents.ts';
import { type FileType, type ImageType, isAudioType, isVideoType, sniffFileType } from './sniff.ts';
import { readAt, SNIFF_BYTES } from './spool.ts';
import { checkSvg } from './svg.ts';
import { readVideo } from './video.ts';

/** What was read from a file's bytes; fields that do not apply to its type are null. */
export type FileMetadata = { [K in keyof (Dimensions & AudioFormat)]: (Dimensions & AudioFormat)[K] | null };

export type Inspection =
  | { problem: string }
  | { problem: null; contentType: FileType; metadata: FileMetadata };

const NO_METADATA: FileMetadata = {
  width: null,
  height: null,
  durationMs: null,
  sampleRate: null,
  channels: null,
  codec: null,
};

const NAMES: Readonly<Record<Exclude<ImageType, 'image/svg+xml'>, string>> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
};

const SUPPORTED =
  'an image (PNG, JPEG, WebP, SVG), audio (WAV, MP3, Ogg, WebM, M4A), video (MP4, WebM), a PDF or a ZIP archive';

function inspected(contentType: FileType, metadata: Partial<FileMetadata> = {}): Inspection {
  return { problem: null, contentType, metadata: { ...NO_METADATA, ...metadata } };
}

/** What is inspected: bytes in memory, or the file of a spooled upload of `size` bytes. */
export type InspectedBytes = Buffer | { path: string; size: number };

/** `length` bytes of the file at `path` from `position` (fewer at its end). */
async function readPart(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    return await readAt(handle, position, length);
  } finally {
    await handle.close();
  }
}

/** Reads parts of what is inspected, from memory or from its file. */
function reader(source: InspectedBytes) {
  if (Buffer.isBuffer(source)) {
    return {
      size: source.length,
      head: async (length: number) => source.subarray(0, length),
      tail: async (length: number) => source.subarray(Math.max(0, source.length - length)),
      whole: async () => source,
      part: async (position: number, length: number) => source.subarray(position, position + length),
    };
  }
  const { path, size } = source;
  return {
    size,
    head: (length: number) => readPart(path, 0, Math.min(length, size)),
    tail: (length: number) => readPart(path, Math.max(0, size - length), Math.min(length, size)),
    whole: () => readPart(path, 0, size),
    part: (position: number, length: number) => readPart(path, position, length),
  };
}

export async function inspectFile(source: InspectedBytes): Promise<Inspection> {
  const bytes = reader(source);
  const head = await bytes.head(SNIFF_BYTES);
  const contentType = sniffFileType(head);
  if (!contentType) return { problem: `it is not ${SUPPORTED}` };
  if (isAudioType(contentType)) {
    const audio = await readAudio(Buffer.isBuffer(source) ? source : source.path, contentType, bytes.size);
    return 'problem' in audio ? audio : inspected(contentType, audio);
  }
  if (isVideoType(contentType)) {
    const video = await readVideo(
      Buffer.isBuffer(source) ? source : source.path,
      bytes.part,
      contentType,
      bytes.size,
    );
    return 'problem' in video ? video : inspected(contentType, video);
  }
  if (contentType === 'application/pdf' || contentType === 'application/zip') {
    const problem =
      contentType === 'application/pdf'
        ? pdfProblem(head, await bytes.tail(PDF_TAIL_BYTES))
        : zipProblem(await bytes.tail(ZIP_TAIL_BYTES), bytes.size);
    return problem ? { problem } : inspected(contentType);
  }
  const image = await bytes.whole();
  if (contentType === 'image/svg+xml') {
    const svg = checkSvg(image);
    return svg.problem === null ? inspected(contentType, svg.dimensions) : svg;
  }
  const size = rasterDimensions(image, contentType);
  if (!size) return { problem: `its ${NAMES[contentType]} header does not give its size` };
  return inspected(contentType, size);
}
