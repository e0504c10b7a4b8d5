import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { type FileBody, SNIFF_BYTES, sizeLimitOf } from '../../kernel/files/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import type { FilesOptions } from './index.ts';
import { assertAcceptable, deleteFile, fileResource, findFile, readDownload, sendFile } from './service.ts';

export function filesRoutes(app: FastifyInstance, options: FilesOptions) {
  app.operation(
    operations['files.create'],
    async ({ db, principal, body, query }) =>
      fileResource(
        await app.files.put(db, {
          accountId: principal.accountId,
          bytes: body as FileBody,
          ...(query.filename === undefined ? {} : { filename: query.filename }),
          maxPixels: options.maxPixels,
          maxBytes: options.maxBytes,
        }),
      ),
    {
      // The largest kind's limit bounds any body; each kind's own applies while the body streams
      // in, as soon as its first bytes say what it is.
      bodyLimit: Math.max(...Object.values(options.maxBytes)),
      uploadLimit: { headBytes: SNIFF_BYTES, limitOf: (head) => sizeLimitOf(head, options.maxBytes) },
    },
  );
  app.operation(operations['files.list'], async ({ db, principal, query }) => {
    const page = await paginate('files', query, (after, take) =>
      app.files.list(db, principal.accountId, after, take),
    );
    return { data: page.data.map(fileResource), nextCursor: page.nextCursor };
  });
  app.operation(operations['files.get'], async ({ db, params, request, principal }) => {
    const file = await findFile(db, app.files, params.id);
    assertAcceptable(request.headers.accept, file);
    // The chunks after the first are read after COMMIT, bound as this request was (anonymous: to no account).
    const download = await readDownload(db, app.files, file, request.headers, (read) =>
      withAccount(app.db, principal?.accountId ?? '', read),
    );
    return (reply) => sendFile(reply, file, download);
  });
  app.operation(operations['files.delete'], ({ db, principal, params }) =>
    deleteFile(db, app.files, principal.accountId, params.id),
  );
}
