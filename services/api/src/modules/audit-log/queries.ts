import { auditLog } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const AuditEntryRow = rowType(auditLog.AuditEntry);

export function listAuditEntries(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(AuditEntryRow)`
    SELECT id, json_build_object('type', actor_type, 'id', actor_id) AS actor, action, resource,
           resource_id AS "resourceId", request_id AS "requestId", host(ip) AS ip,
           user_agent AS "userAgent", changes, created_at AS "createdAt"
    FROM platform.audit_log
    WHERE account_id = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}
