/**
 * Who besides its owner may read a file (docs/architecture.md, File visibility): a share makes
 * it readable by anyone (`readerId: null`) or by one account, for a `reason` that names what
 * shares it (`'profiles.avatar'`, `'nex.purchase:<id>'`). The transaction must be bound to the
 * file's owner: RLS lets only the owner share its own files, so a product module granting a
 * buyer the seller's file binds the seller (`withAccount`) for that statement.
 */
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../db/row-type.ts';

const ShareRow = rowType(Type.Object({ id: Type.String() }));

export interface FileShare {
  fileId: string;
  /** The account that may read the file; null: anyone, anonymous callers included. */
  readerId: string | null;
  /** `<module>.<thing>` with an optional `:<id>`, e.g. `nex.purchase:9f1c…`. */
  reason: string;
}

/** Shares the bound account's file; sharing it again for the same reader and reason changes nothing. */
export async function shareFile(db: CommonQueryMethods, share: FileShare): Promise<void> {
  await db.maybeOne(sql.type(ShareRow)`
    INSERT INTO platform.file_shares (account_id, file_id, reader_id, reason)
    VALUES (platform.current_account_id(), ${share.fileId}, ${share.readerId}, ${share.reason})
    ON CONFLICT DO NOTHING
    RETURNING id
  `);
}

/** Withdraws a share the bound account made; true when there was one. */
export async function unshareFile(db: CommonQueryMethods, share: FileShare): Promise<boolean> {
  const deleted = await db.maybeOne(sql.type(ShareRow)`
    DELETE FROM platform.file_shares
    WHERE file_id = ${share.fileId} AND reader_id IS NOT DISTINCT FROM ${share.readerId}::uuid
      AND reason = ${share.reason}
    RETURNING id
  `);
  return deleted !== null;
}
