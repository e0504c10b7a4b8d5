/**
 * What a video upload is: its duration, pixel size and video codec. The signature (sniff.ts)
 * named the container and saw a video track in the first bytes; the reader here must agree.
 * - WebM is read by music-metadata, as audio is (audio.ts): it lists the tracks, a video track
 *   with its pixel size.
 * - MP4 is read here, box by box (ISO/IEC 14496-12, 4.2 and 8): music-metadata takes an MP4's
 *   duration from its audio tracks only and does not give a track's size. The top-level boxes
 *   are walked by their headers (16 bytes each) up to `moov`, which alone is read whole (at most
 *   MAX_MOOV_BYTES): the media data (`mdat`) is never read. The duration is the movie header's
 *   (`mvhd`, or a fragmented file's `mehd`), the size the first video track's header (`tkhd`),
 *   the codec its first sample entry's four-character code (`avc1`, `hvc1`, `av01`, `vp09`…).
 * Frames are never decoded: a file whose boxes are in order is taken, as audio files are taken on
 * their headers. A file it cannot read is refused: the reason is ours, never a parser's message.
 */
import { createReadStream } from 'node:fs';
import { type IAudioMetadata, parseBuffer, parseStream } from 'music-metadata';
import type { VideoType } from './sniff.ts';

export interface VideoFormat {
  durationMs: number;
  width: number;
  height: number;
  codec: string;
}

/** Reads `length` bytes at `position` (fewer at the end) of what is inspected. */
export type ReadPart = (position: number, length: number) => Promise<Buffer>;

/** A `moov` holds sample tables that grow with the duration: a few MiB for hours of video. */
const MAX_MOOV_BYTES = 32 * 1024 * 1024;
/** Top-level boxes walked before `moov` (`ftyp`, `free`, `mdat`, `uuid`…; a fragmented file's `moof`s follow it). */
const MAX_TOP_BOXES = 1024;
/** Nesting the MP4 walk follows (moov → trak → mdia → minf → stbl → stsd). */
const MAX_DEPTH = 6;
/** Real video stays far below (8K is 7680 × 4320); a header claiming more is corrupt. */
const MAX_SIDE = 65_535;

type Box = { type: string; start: number; end: number };

/** The boxes inside `bytes[start, end)`: each one's type and payload; null when one overflows its parent. */
function boxesIn(bytes: Buffer, start: number, end: number): Box[] | null {
  const boxes: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = bytes.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return null;
      size = Number(bytes.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) return null;
    boxes.push({ type: bytes.toString('latin1', at + 4, at + 8), start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

/** The first box of `type` along `path` from inside `box` (e.g. ['mdia', 'hdlr']). */
function find(bytes: Buffer, box: Box, path: readonly string[], depth = 0): Box | null {
  if (depth > MAX_DEPTH) return null;
  const [first, ...rest] = path;
  const child = boxesIn(bytes, box.start, box.end)?.find((candidate) => candidate.type === first);
  if (!child) return null;
  return rest.length === 0 ? child : find(bytes, child, rest, depth + 1);
}

/** Where the top-level `moov` box is, by walking the top-level box headers; null when there is none. */
async function locateMoov(read: ReadPart, size: number): Promise<{ start: number; length: number } | null> {
  let at = 0;
  for (let count = 0; count < MAX_TOP_BOXES && at + 8 <= size; count++) {
    const header = await read(at, 16);
    if (header.length < 8) return null;
    let length = header.readUInt32BE(0);
    if (length === 1) {
      if (header.length < 16) return null;
      length = Number(header.readBigUInt64BE(8));
    } else if (length === 0) {
      length = size - at;
    }
    if (length < 8 || at + length > size) return null;
    if (header.toString('latin1', 4, 8) === 'moov') return { start: at, length };
    at += length;
  }
  return null;
}

/** A `mvhd` or `mehd` payload's duration: 32 bits at `v0` in version 0, 64 bits at `v1` in version 1. */
function durationField(bytes: Buffer, box: Box, v0: number, v1: number): number {
  return bytes[box.start] === 1
    ? Number(bytes.readBigUInt64BE(box.start + v1))
    : bytes.readUInt32BE(box.start + v0);
}

function mp4Format(moov: Buffer): VideoFormat | null {
  const root = boxesIn(moov, 0, moov.length)?.[0];
  if (!root) return null;
  const mvhd = find(moov, root, ['mvhd']);
  if (!mvhd || mvhd.end - mvhd.start < 32) return null;
  const version1 = moov[mvhd.start] === 1;
  const timescale = moov.readUInt32BE(mvhd.start + (version1 ? 20 : 12));
  let duration = durationField(moov, mvhd, 16, 24);
  // A fragmented file's movie header may leave the duration to the movie extends header.
  const mehd = duration === 0 ? find(moov, root, ['mvex', 'mehd']) : null;
  if (mehd && mehd.end - mehd.start >= (moov[mehd.start] === 1 ? 12 : 8))
    duration = durationField(moov, mehd, 4, 4);
  const tracks = boxesIn(moov, root.start, root.end)?.filter((box) => box.type === 'trak') ?? [];
  const video = tracks.find((trak) => {
    const hdlr = find(moov, trak, ['mdia', 'hdlr']);
    return (
      hdlr !== null &&
      hdlr.end - hdlr.start >= 12 &&
      moov.toString('latin1', hdlr.start + 8, hdlr.start + 12) === 'vide'
    );
  });
  const tkhd = video && find(moov, video, ['tkhd']);
  const stsd = video && find(moov, video, ['mdia', 'minf', 'stbl', 'stsd']);
  if (!tkhd || !stsd || tkhd.end - tkhd.start < 84 || stsd.end - stsd.start < 16) return null;
  if (!timescale || duration === 0 || duration === 0xffffffff || !Number.isSafeInteger(duration)) return null;
  // The track header ends with the width and height, 16.16 fixed point.
  const width = moov.readUInt32BE(tkhd.end - 8) >>> 16;
  const height = moov.readUInt32BE(tkhd.end - 4) >>> 16;
  const codec = moov.toString('latin1', stsd.start + 12, stsd.start + 16);
  if (!/^[\x21-\x7e]{3}[\x20-\x7e]$/.test(codec)) return null;
  return { durationMs: Math.round((duration / timescale) * 1000), width, height, codec };
}

async function readMp4(read: ReadPart, size: number): Promise<VideoFormat | null> {
  const moov = await locateMoov(read, size);
  if (!moov || moov.length > MAX_MOOV_BYTES) return null;
  return mp4Format(await read(moov.start, moov.length));
}

async function readWebm(source: Buffer | string, size: number): Promise<VideoFormat | null> {
  const fileInfo = { mimeType: 'video/webm', size };
  let metadata: IAudioMetadata;
  try {
    if (Buffer.isBuffer(source)) {
      metadata = await parseBuffer(source, fileInfo, { duration: true, skipCovers: true });
    } else {
      const stream = createReadStream(source);
      try {
        metadata = await parseStream(stream, fileInfo, { duration: true, skipCovers: true });
      } finally {
        stream.destroy();
      }
    }
  } catch {
    return null;
  }
  const { duration, trackInfo } = metadata.format;
  const track = trackInfo.find((info) => info.video);
  if (!track?.video?.pixelWidth || !track.video.pixelHeight || !track.codecName || !duration) return null;
  return {
    durationMs: Math.round(duration * 1000),
    width: track.video.pixelWidth,
    height: track.video.pixelHeight,
    codec: track.codecName,
  };
}

const NAMES: Readonly<Record<VideoType, string>> = { 'video/mp4': 'MP4', 'video/webm': 'WebM' };

/** `source`: the file's bytes, or the path of a spooled upload of `size` bytes; `read` reads a part of either. */
export async function readVideo(
  source: Buffer | string,
  read: ReadPart,
  type: VideoType,
  size: number,
): Promise<VideoFormat | { problem: string }> {
  let format: VideoFormat | null;
  try {
    format = type === 'video/mp4' ? await readMp4(read, size) : await readWebm(source, size);
  } catch {
    format = null;
  }
  if (
    !format ||
    !Number.isFinite(format.durationMs) ||
    format.durationMs <= 0 ||
    format.width < 1 ||
    format.height < 1 ||
    format.width > MAX_SIDE ||
    format.height > MAX_SIDE
  ) {
    return { problem: `it is not a readable ${NAMES[type]} video (its duration, size and codec)` };
  }
  return format;
}
