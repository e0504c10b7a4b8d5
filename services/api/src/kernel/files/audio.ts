/**
 * What an audio upload is, read by music-metadata (a maintained parser of every container the
 * API takes): its duration, sample rate, channels and codec. The signature (sniff.ts) names the
 * container; the parser must agree, find the codec the type allows and find no video track (a
 * film whose track list the signature did not see is not audio). A file it cannot read, or whose header does not give its
 * duration, is refused: the reason is ours, never the parser's message. A spooled upload is
 * parsed from its file as a stream (music-metadata's `parseStream`), never read whole.
 */
import { createReadStream } from 'node:fs';
import { type IAudioMetadata, type IOptions, parseBuffer, parseStream } from 'music-metadata';
import type { AudioType } from './sniff.ts';

export interface AudioFormat {
  durationMs: number;
  sampleRate: number;
  channels: number;
  codec: string;
}

const NAMES: Readonly<Record<AudioType, string>> = {
  'audio/wav': 'WAV',
  'audio/mpeg': 'MP3',
  'audio/ogg': 'Ogg',
  'audio/webm': 'WebM',
  'audio/mp4': 'M4A',
};

/** The codecs each container may carry, as music-metadata names them. */
const CODECS: Readonly<Record<AudioType, RegExp>> = {
  'audio/wav': /^(PCM|IEEE_FLOAT|ITU-T G\.711 [aµ]-law|G\.711 [aµ]-law)/i,
  'audio/mpeg': /^MPEG [12](\.5)? Layer 3$/,
  'audio/ogg': /^(Opus|Vorbis I)$/,
  'audio/webm': /^(OPUS|VORBIS)$/i,
  'audio/mp4': /^(MPEG-4\/AAC|ALAC)/,
};

/** Real audio stays far below; a header claiming more is corrupt (and would overflow the column). */
const MAX_SAMPLE_RATE = 768_000;
const MAX_CHANNELS = 255;

// duration: read to the end when the header does not say (an MP3 without a Xing/VBRI frame).
const OPTIONS: IOptions = { duration: true, skipCovers: true };

/** Parses the bytes, or the file at a path (of `size` bytes), as audio of `type`. */
async function parse(source: Buffer | string, type: AudioType, size: number): Promise<IAudioMetadata> {
  if (Buffer.isBuffer(source)) return parseBuffer(source, { mimeType: type, size }, OPTIONS);
  const stream = createReadStream(source);
  try {
    return await parseStream(stream, { mimeType: type, size }, OPTIONS);
  } finally {
    stream.destroy();
  }
}

/** `source`: the file's bytes, or the path of a spooled upload of `size` bytes. */
export async function readAudio(
  source: Buffer | string,
  type: AudioType,
  size: number,
): Promise<AudioFormat | { problem: string }> {
  const refused = { problem: `it is not a readable ${NAMES[type]} audio file` };
  let metadata: IAudioMetadata;
  try {
    metadata = await parse(source, type, size);
  } catch {
    return refused;
  }
  const { format } = metadata;
  const { codec, duration, sampleRate, numberOfChannels: channels } = format;
  // Video is sniffed from its track list in the first bytes (sniff.ts); this one lists its video track later.
  if (format.hasVideo) {
    return {
      problem:
        'its video track is not listed at its start; a video is taken when its track list comes first (in an MP4, moov before mdat)',
    };
  }
  if (!codec || !CODECS[type].test(codec)) return refused;
  if (
    duration === undefined ||
    !Number.isFinite(duration) ||
    duration <= 0 ||
    !sampleRate ||
    sampleRate > MAX_SAMPLE_RATE ||
    !channels ||
    channels > MAX_CHANNELS
  ) {
    return { problem: `its ${NAMES[type]} header does not give its duration, sample rate and channels` };
  }
  return { durationMs: Math.round(duration * 1000), sampleRate, channels, codec };
}
