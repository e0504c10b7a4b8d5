/**
 * What an upload really is, read from its bytes (the client's Content-Type is
 * never trusted: a lie would serve a script as an image): images, audio and
 * video containers, PDF and ZIP by their signatures (WHATWG MIME Sniffing, 6.1 and
 * 6.2, and each format's own specification), SVG by its root element.
 * Anything else is null. The signature only names the candidate: the format's
 * own reader (dimensions.ts, audio.ts, video.ts, documents.ts) then checks the rest.
 */
import type { files } from '@yorozu/contract';

export type FileType = (typeof files.FILE_CONTENT_TYPES)[number];
export type ImageType = (typeof files.IMAGE_CONTENT_TYPES)[number];
export type AudioType = (typeof files.AUDIO_CONTENT_TYPES)[number];
export type VideoType = (typeof files.VIDEO_CONTENT_TYPES)[number];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const RIFF = Buffer.from('RIFF', 'latin1');
const WEBP = Buffer.from('WEBP', 'latin1');
const WAVE = Buffer.from('WAVE', 'latin1');
const ID3 = Buffer.from('ID3', 'latin1');
const OGG = Buffer.from('OggS\0', 'latin1');
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const FTYP = Buffer.from('ftyp', 'latin1');
const PDF = Buffer.from('%PDF-', 'latin1');
const ZIP_ENTRY = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** How far into a WebM file its EBML header's DocType may be (the header is a few dozen bytes). */
const EBML_HEADER_BYTES = 64;
/** MP4 major brands of audio-only files (Apple's M4A/M4B). */
const MP4_AUDIO_BRANDS = new Set(['M4A ', 'M4B ']);
/** MP4 major brands of files that may hold audio or video (ISO/IEC 14496-12 and 14496-14, Apple's M4V, DASH). */
const MP4_BRANDS = new Set(['mp42', 'mp41', 'isom', 'iso2', 'iso4', 'iso5', 'iso6', 'avc1', 'dash', 'M4V ']);
/** A video track's handler in an MP4 track list (`hdlr` box: version and flags, pre_defined, then the type). */
const MP4_VIDEO_HANDLER = /hdlr[\s\S]{8}vide/;
/** The codec ids of WebM's video tracks (Matroska CodecID; WebM allows VP8, VP9 and AV1). */
const WEBM_VIDEO_CODEC = /V_VP8|V_VP9|V_AV1/;

/** How far into a file its root element may start (after a declaration, comments, whitespace). */
const SVG_PROLOGUE_BYTES = 4096;

/** XML white space (XML 1.0, production S). */
function skipSpace(text: string, at: number): number {
  let position = at;
  while (position < text.length && ' \t\r\n'.includes(text.charAt(position))) position++;
  return position;
}

/** Where `<!DOCTYPE …>` (an internal subset in brackets allowed) ends, or -1. */
function endOfDoctype(text: string, at: number): number {
  const open = text.slice(at).search(/[[>]/);
  if (open < 0) return -1;
  if (text.charAt(at + open) === '>') return at + open + 1;
  // The subset ends at a `]` followed by optional space and `>`; each `]` is looked at once.
  for (let close = text.indexOf(']', at + open); close >= 0; close = text.indexOf(']', close + 1)) {
    const after = skipSpace(text, close + 1);
    if (text.charAt(after) === '>') return after + 1;
  }
  return -1;
}

/**
 * Whether the text opens with an `<svg` root element: an optional BOM and XML
 * declaration, then comments and a DOCTYPE (recognised here so that the SVG
 * check can refuse it by name) separated by white space. A single forward
 * scan: a regular expression for this backtracks exponentially on a run of
 * empty comments.
 */
function opensWithSvgRoot(text: string): boolean {
  let at = skipSpace(text, text.startsWith('\uFEFF') ? 1 : 0);
  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('>', at);
    if (end < 0 || text.charAt(end - 1) !== '?') return false;
    at = skipSpace(text, end + 1);
  }
  for (;;) {
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return false;
      at = skipSpace(text, end + 3);
    } else if (text.startsWith('<!DOCTYPE', at) && ' \t\r\n'.includes(text.charAt(at + 9) || '-')) {
      const end = endOfDoctype(text, at + 9);
      if (end < 0) return false;
      at = skipSpace(text, end);
    } else {
      return text.startsWith('<svg', at) && ' \t\r\n>/'.includes(text.charAt(at + 4) || '-');
    }
  }
}

const startsWith = (bytes: Buffer, signature: Buffer, at = 0) =>
  bytes.subarray(at, at + signature.length).equals(signature);

/** An MPEG audio frame header of layer III (ISO/IEC 11172-3, 2.4.2.3): 11 sync bits, then layer bits 01. */
const isMp3Frame = (bytes: Buffer) =>
  bytes.length >= 4 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe6) === 0xe2;

/**
 * WebM and MP4 carry audio, video or both: a file is video when its first bytes list a video
 * track (a heuristic on the bytes at hand: WebM writers put the track list before the clusters,
 * and a web-ready MP4 has its `moov` before its media data). A video track listed later is found
 * by the audio reader, which refuses the file and says why (audio.ts).
 */
function sniffMediaType(bytes: Buffer): AudioType | VideoType | null {
  if (startsWith(bytes, RIFF) && startsWith(bytes, WAVE, 8)) return 'audio/wav';
  if (startsWith(bytes, ID3) || isMp3Frame(bytes)) return 'audio/mpeg';
  if (startsWith(bytes, OGG)) return 'audio/ogg';
  // The EBML header names its document type: Matroska (`matroska`) is not taken, WebM (`webm`) is.
  if (startsWith(bytes, EBML) && bytes.subarray(0, EBML_HEADER_BYTES).includes('webm', 0, 'latin1')) {
    return WEBM_VIDEO_CODEC.test(bytes.toString('latin1')) ? 'video/webm' : 'audio/webm';
  }
  if (!startsWith(bytes, FTYP, 4)) return null;
  const brand = bytes.toString('latin1', 8, 12);
  if (MP4_AUDIO_BRANDS.has(brand)) return 'audio/mp4';
  if (!MP4_BRANDS.has(brand)) return null;
  return brand === 'M4V ' || MP4_VIDEO_HANDLER.test(bytes.toString('latin1')) ? 'video/mp4' : 'audio/mp4';
}

export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes.subarray(0, 3).equals(JPEG)) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.subarray(0, 4).equals(RIFF) && bytes.subarray(8, 12).equals(WEBP)) {
    return 'image/webp';
  }
  if (opensWithSvgRoot(bytes.subarray(0, SVG_PROLOGUE_BYTES).toString('utf8'))) return 'image/svg+xml';
  return null;
}

export function sniffFileType(bytes: Buffer): FileType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, ZIP_ENTRY) || startsWith(bytes, ZIP_EMPTY)) return 'application/zip';
  return sniffMediaType(bytes) ?? sniffImageType(bytes);
}

export const isImageType = (type: FileType): type is ImageType => type.startsWith('image/');
export const isAudioType = (type: FileType): type is AudioType => type.startsWith('audio/');
export const isVideoType = (type: FileType): type is VideoType => type.startsWith('video/');

/**
 * The kinds that have a size limit of their own (FILE_MAX_BYTES, AUDIO_MAX_BYTES, VIDEO_MAX_BYTES,
 * PDF_MAX_BYTES, ZIP_MAX_BYTES).
 */
export type FileKind = 'image' | 'audio' | 'video' | 'pdf' | 'zip';

export function kindOf(type: FileType): FileKind {
  if (isImageType(type)) return 'image';
  if (isAudioType(type)) return 'audio';
  if (isVideoType(type)) return 'video';
  return type === 'application/pdf' ? 'pdf' : 'zip';
}
