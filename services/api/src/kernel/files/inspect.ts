/**
 * What bytes offered to the file store are: their media type and what their
 * header says (an image's pixel size, audio's duration and format), or why
 * they may not be stored. Runs away from the request's event loop
 * (threads/tasks.ts): an SVG check or an MP3 scanned to its end takes time.
 */
import { type AudioFormat, readAudio } from './audio.ts';
import { type Dimensions, rasterDimensions } from './dimensions.ts';
import { pdfProblem, zipProblem } from './documents.ts';
import { type FileType, type ImageType, isAudioType, sniffFileType } from './sniff.ts';
import { checkSvg } from './svg.ts';

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

const SUPPORTED = 'an image (PNG, JPEG, WebP, SVG), audio (WAV, MP3, Ogg, WebM, M4A), a PDF or a ZIP archive';

function inspected(contentType: FileType, metadata: Partial<FileMetadata> = {}): Inspection {
  return { problem: null, contentType, metadata: { ...NO_METADATA, ...metadata } };
}

export async function inspectFile(bytes: Buffer): Promise<Inspection> {
  const contentType = sniffFileType(bytes);
  if (!contentType) return { problem: `it is not ${SUPPORTED}` };
  if (isAudioType(contentType)) {
    const audio = await readAudio(bytes, contentType);
    return 'problem' in audio ? audio : inspected(contentType, audio);
  }
  if (contentType === 'application/pdf' || contentType === 'application/zip') {
    const problem = contentType === 'application/pdf' ? pdfProblem(bytes) : zipProblem(bytes);
    return problem ? { problem } : inspected(contentType);
  }
  if (contentType === 'image/svg+xml') {
    const svg = checkSvg(bytes);
    return svg.problem === null ? inspected(contentType, svg.dimensions) : svg;
  }
  const size = rasterDimensions(bytes, contentType);
  if (!size) return { problem: `its ${NAMES[contentType]} header does not give its size` };
  return inspected(contentType, size);
}
