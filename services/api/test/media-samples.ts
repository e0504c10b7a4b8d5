/**
 * Audio, video, PDF and ZIP files for upload tests: a WAV written here with `wavefile`, MP4s,
 * PDFs and ZIPs assembled byte by byte, and encoded audio from `test/fixtures` (see its README).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

// wavefile is CommonJS whose named export Node's ESM loader cannot detect.
const { WaveFile } = createRequire(import.meta.url)('wavefile') as typeof import('wavefile');

/** A mono 16-bit PCM WAV of a 440 Hz tone, `seconds` long at `sampleRate`. */
export function wav(seconds: number, sampleRate = 16000): Buffer {
  const samples = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) {
    samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
  }
  const file = new WaveFile();
  file.fromScratch(1, sampleRate, '16', samples);
  return Buffer.from(file.toBuffer());
}

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

/** "Hello from Yorozu." spoken by eSpeak NG (1.6 s), encoded by ffmpeg; film.webm is 0.5 s of 8 × 8 VP8 video with Opus audio. */
export const fixtures = {
  ogg: fixture('hello.ogg'),
  mp3: fixture('hello.mp3'),
  webm: fixture('hello.webm'),
  m4a: fixture('hello.m4a'),
  film: fixture('film.webm'),
};

/** An ISO base media file box (ISO/IEC 14496-12, 4.2): its size, its type, its payload. */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** Big-endian 32-bit words. */
const words = (...values: number[]) =>
  Buffer.concat(
    values.map((value) =>
      Buffer.from([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]),
    ),
  );

/**
 * A minimal MP4 built box by box (ISO/IEC 14496-12, 8.2 to 8.5): a movie header of 1.5 s, one
 * track of the handler `handler` (`vide`: 320 × 240, sample entry `avc1`) and media data of no
 * real frames (`mediaBytes` of filler); `moov` before `mdat` unless `moovLast`.
 */
export function mp4({ handler = 'vide', moovLast = false, mediaBytes = 64 } = {}): Buffer {
  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'latin1'),
    words(512),
    Buffer.from('isomiso2avc1mp41', 'latin1'),
  );
  // version/flags, creation, modification, timescale 1000, duration 1500, rate, volume, matrix, next track.
  const mvhd = box(
    'mvhd',
    words(0, 0, 0, 1000, 1500, 0x10000),
    Buffer.from([1, 0]),
    Buffer.alloc(10),
    Buffer.alloc(36),
    Buffer.alloc(24),
    words(2),
  );
  // version/flags (enabled), times, track 1, duration, layer, volume, matrix, then 320 × 240 in 16.16.
  const tkhd = box('tkhd', words(3, 0, 0, 1, 0, 1500), Buffer.alloc(52), words(320 << 16, 240 << 16));
  const mdhd = box('mdhd', words(0, 0, 0, 1000, 1500), Buffer.from([0x55, 0xc4, 0, 0]));
  const hdlr = box(
    'hdlr',
    words(0, 0),
    Buffer.from(handler, 'latin1'),
    Buffer.alloc(12),
    Buffer.from('Handler\0', 'latin1'),
  );
  const stsd = box('stsd', words(0, 1), box('avc1', Buffer.alloc(6), Buffer.from([0, 1]), Buffer.alloc(70)));
  const stbl = box('stbl', stsd);
  const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', stbl)));
  const moov = box('moov', mvhd, trak);
  const mdat = box('mdat', Buffer.alloc(mediaBytes, 0x11));
  return Buffer.concat(moovLast ? [ftyp, mdat, moov] : [ftyp, moov, mdat]);
}

/** A one-page PDF: header, catalog, pages, page, cross-reference table and trailer (ISO 32000). */
export function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A ZIP archive of stored (uncompressed) entries (PKWARE APPNOTE 4.3). */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed
    common.writeUInt32LE(crc32(data), 10);
    common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(fileName.length, 22);
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, fileName, data]);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    common.copy(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local);
    centrals.push(Buffer.concat([central, fileName]));
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
