/**
 * Audio, PDF and ZIP files for upload tests: a WAV written here with `wavefile`, PDFs and ZIPs
 * assembled byte by byte, and encoded audio from `test/fixtures` (see its README).
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

/** "Hello from Yorozu." spoken by eSpeak NG (1.6 s), encoded by ffmpeg; film.webm has a video track. */
export const fixtures = {
  ogg: fixture('hello.ogg'),
  mp3: fixture('hello.mp3'),
  webm: fixture('hello.webm'),
  m4a: fixture('hello.m4a'),
  film: fixture('film.webm'),
};

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
