/** Writes the one audit row of a successful mutating request, in the request's own transaction. */
import { type DatabaseTransactionConnection, sql } from 'slonik';
import { NoRows } from '../db/row-type.ts';
import type { Principal } from './auth/principal.ts';

export interface AuditRecord {
  principal: Principal;
  action: string;
  resource: string;
  resourceId: string | null;
  requestId: string;
  ip: string | null;
}

export async function recordAudit(tx: DatabaseTransactionConnection, record: AuditRecord): Promise<void> {
  // Named (src/db/pool.ts): every audited request runs it.
  await tx.query(sql.prepared('record_audit', NoRows)`
    INSERT INTO platform.audit_log (account_id, actor_type, actor_id, action, resource, resource_id, request_id, ip)
    VALUES (${record.principal.accountId}, ${record.principal.actor.type}, ${record.principal.actor.id},
            ${record.action}, ${record.resource}, ${record.resourceId}, ${record.requestId}, ${record.ip}::inet)
  `);
}
