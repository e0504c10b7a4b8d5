/**
 * Files: images an account uploads or a product generates, behind one store
 * (docs/architecture.md, Files and generated images). The media type is sniffed from the bytes,
 * never taken from the client.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Binary, Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

export const FILE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;

export const FileContentType = StringEnum([...FILE_CONTENT_TYPES], {
  description: 'The media type, as sniffed from the bytes.',
});

const fileExample = {
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  contentType: 'image/png' as const,
  size: 48213,
  etag: '"Yh3cT0VqgS2d1RkQmHc9wA"',
  createdAt: '2026-11-23T09:00:00.000Z',
};

export const File = named(
  'File',
  Type.Object({
    id: Id("The file's id."),
    contentType: FileContentType,
    size: Type.Integer({ minimum: 1, description: 'Bytes.' }),
    etag: Type.String({ description: 'The `ETag` `GET /v1/files/{id}` answers with.' }),
    createdAt: Timestamp,
  }),
  { description: 'A stored file, without its bytes (`GET /v1/files/{id}` has them).', example: fileExample },
);

export const FileList = Page('FileList', File, fileExample);

export const create = defineOperation({
  operationId: 'files.create',
  method: 'POST',
  path: '/v1/files',
  tag: 'files',
  summary: 'Upload an image',
  description:
    'Send the image itself as the body (PNG, JPEG, WebP or SVG; up to 10 MiB unless the server says otherwise). ' +
    'Its type is read from the bytes, whatever `Content-Type` says. An SVG must be well-formed XML with no ' +
    'scripts, event handlers, DOCTYPE or external references.',
  auth: { scope: 'files:write' },
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
  description: 'Uploaded images and the images products generated, without their bytes.',
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
    'Served with its sniffed `Content-Type`, `Cache-Control: private`, `X-Content-Type-Options: nosniff` and a ' +
    '`Content-Security-Policy` that keeps an SVG from running anything, and `Content-Disposition: inline` with the ' +
    "filename `<id>.svg`, `.png`, `.jpg` or `.webp`. An `Accept` header that excludes the file's type is 406 " +
    '`not_acceptable`; without `Accept`, or with `*/*` or `image/*`, any type is served.',
  auth: { scope: 'files:read' },
  params: IdParams('file', fileExample.id),
  conditional: true,
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
