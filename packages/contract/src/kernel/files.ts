/**
 * Files: images, audio, video, PDF documents and ZIP archives an account uploads or a product generates,
 * behind one store (docs/architecture.md, Files and generated images). The media type is sniffed from the
 * bytes, never taken from the client.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Binary, Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

export const IMAGE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
/** WAV, MP3, Ogg (Opus or Vorbis), WebM (Opus or Vorbis) and MP4/M4A (AAC or ALAC), audio only. */
export const AUDIO_CONTENT_TYPES = [
  'audio/wav',
  'audio/mpeg',
  'audio/ogg',
  'audio/webm',
  'audio/mp4',
] as const;
/** MP4 and WebM with a video track listed at the start of the file (audio tracks alongside allowed). */
export const VIDEO_CONTENT_TYPES = ['video/mp4', 'video/webm'] as const;
export const FILE_CONTENT_TYPES = [
  ...IMAGE_CONTENT_TYPES,
  ...AUDIO_CONTENT_TYPES,
  ...VIDEO_CONTENT_TYPES,
  'application/pdf',
  'application/zip',
] as const;

export const FileContentType = StringEnum([...FILE_CONTENT_TYPES], {
  description: 'The media type, as sniffed from the bytes.',
});

const nullableInteger = (description: string) =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description });

const fileExample = {
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  contentType: 'audio/ogg' as const,
  size: 48213,
  etag: '"Yh3cT0VqgS2d1RkQmHc9wA"',
  filename: 'lesson-1.ogg',
  width: null,
  height: null,
  durationMs: 12480,
  sampleRate: 48000,
  channels: 1,
  codec: 'Opus',
  createdAt: '2026-11-23T09:00:00.000Z',
};

export const File = named(
  'File',
  Type.Object({
    id: Id("The file's id."),
    contentType: FileContentType,
    size: Type.Integer({ minimum: 1, description: 'Bytes.' }),
    etag: Type.String({ description: 'The `ETag` `GET /v1/files/{id}` answers with.' }),
    filename: Type.Union([Type.String(), Type.Null()], {
      description:
        'The name the uploader gave (`?filename=`), which downloads are saved under; null when none was given.',
    }),
    width: nullableInteger(
      "An image's or a video's width in pixels, read from its header (a video's from its first video track's); null for other files (and images stored before it was recorded).",
    ),
    height: nullableInteger("An image's or a video's height in pixels; null for other files."),
    durationMs: nullableInteger('Audio and video: the duration in milliseconds; null for other files.'),
    sampleRate: nullableInteger('Audio: samples per second (Hz); null for other files.'),
    channels: nullableInteger('Audio: the number of channels; null for other files.'),
    codec: Type.Union([Type.String(), Type.Null()], {
      description:
        "Audio: the codec as the parser names it (`PCM`, `MPEG 1 Layer 3`, `Opus`, `AAC`…). Video: the video track's codec, a WebM's as Matroska names it (`VP8`, `VP9`, `AV1`), an MP4's sample entry code (`avc1`, `hvc1`, `av01`, `vp09`). Null for other files.",
    }),
    createdAt: Timestamp,
  }),
  {
    description:
      'A stored file, without its bytes (`GET /v1/files/{id}` has them), and what was read from them: an ' +
      "image's size, audio's duration and format, video's duration, size and codec. Fields that do not apply to the file's type are null.",
    example: fileExample,
  },
);

export const UploadQuery = Type.Object(
  {
    filename: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        // No control characters, no path separators, no quotes: the name goes into Content-Disposition.
        pattern: '^[^\\u0000-\\u001f\\u007f/\\\\"]+$',
        description:
          'The name downloads are saved under (`Content-Disposition`), any script (UTF-8); no `/`, `\\`, `"` or control characters.',
        examples: ['レッスン1.ogg'],
      }),
    ),
  },
  { additionalProperties: false },
);

export const FileList = Page('FileList', File, fileExample);

export const create = defineOperation({
  operationId: 'files.create',
  method: 'POST',
  path: '/v1/files',
  tag: 'files',
  summary: 'Upload a file',
  description:
    'Send the file itself as the body: an image (PNG, JPEG, WebP, SVG), audio (WAV, MP3, Ogg Opus/Vorbis, ' +
    'WebM Opus/Vorbis, M4A AAC/ALAC), video (MP4, WebM), a PDF or a ZIP archive. Its type is read from the bytes, whatever ' +
    '`Content-Type` says (a PNG sent as `audio/mpeg` is stored as the PNG it is). Each kind has its own size ' +
    'limit (by default 10 MiB for images, 50 MiB for audio and PDF, 100 MiB for ZIP, 200 MiB for video; 413 over it).' +
    ' An MP4 or WebM is video when its first 4 KiB list a video track (an MP4 with `moov` before `mdat`), ' +
    'else audio. An SVG must ' +
    'be well-formed XML with no scripts, event handlers, DOCTYPE or external references; an image must declare ' +
    'its size within the pixel limit; audio must have a readable header giving its duration, sample rate and ' +
    'channels, video its duration, pixel size and codec; a PDF must have its header and end-of-file marker, a ZIP its central directory. Anything else, ' +
    'or a file cut short, is 400 `validation_failed`.',
  auth: { scope: 'files:write' },
  query: UploadQuery,
  body: Binary,
  bodyContentTypes: [...FILE_CONTENT_TYPES, 'application/octet-stream'],
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The stored file.', schema: File },
});

export const list = defineOperation({
  operationId: 'files.list',
  method: 'GET',
  path: '/v1/files',
  tag: 'files',
  summary: 'List files, newest first',
  description: 'Uploaded files and the images products generated, without their bytes.',
  auth: { scope: 'files:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of files.', schema: FileList },
});

export const get = defineOperation({
  operationId: 'files.get',
  method: 'GET',
  path: '/v1/files/{id}',
  tag: 'files',
  summary: "Download a file's bytes",
  description:
    'Served with its sniffed `Content-Type`, `Cache-Control: private`, `X-Content-Type-Options: nosniff`, a ' +
    '`Content-Security-Policy` that keeps an SVG from running anything, and `Content-Disposition` with the ' +
    'filename given at upload (else `<id>.<extension>`). Audio can be played and seeked: one byte `Range` is ' +
    'answered 206 with `Content-Range` (416 past the end; several ranges get the whole file), and `If-Range` ' +
    'with the `ETag` keeps a resumed download from mixing two versions. An `Accept` header that excludes the ' +
    "file's type is 406 `not_acceptable`; without `Accept`, or with `*/*` or `type/*`, any type is served. " +
    'With the SDK: `client.files.get({ id }, { headers: { range: "bytes=0-1023" } })`.\n\n' +
    "A file's visibility follows what owns it: the caller's own files, a file shared with the caller (a " +
    "digital product it bought), and a file anyone may read (a public profile's avatar) are served, the " +
    'last one without any credential; any other id is 404, exactly like a missing one.',
  auth: { scope: 'files:read', optional: true },
  params: IdParams('file', fileExample.id),
  conditional: true,
  ranged: true,
  success: {
    status: 200,
    description: 'The bytes.',
    schema: Binary,
    contentTypes: [...FILE_CONTENT_TYPES],
    headers: ['CacheControl', 'ContentSecurityPolicy', 'ContentTypeOptions', 'ContentDisposition'],
  },
  errors: [404, 406],
});

export const remove = defineOperation({
  operationId: 'files.delete',
  method: 'DELETE',
  path: '/v1/files/{id}',
  tag: 'files',
  summary: 'Delete a file',
  description: 'A file that something of the account still refers to (a character, a sticker) is a 409.',
  auth: { scope: 'files:write' },
  params: IdParams('file', fileExample.id),
  audited: true,
  success: { status: 204, description: 'Deleted.' },
  errors: [404, 409],
});
