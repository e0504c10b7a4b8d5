/**
 * Groups (docs/products/nex.md, Groups). Every statement runs under the caller's binding: RLS
 * shows a private group only to its members and invitees, and lets only the owner (or an admin,
 * where the policies say so) change it; nex.group_role answers the caller's role.
 */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const GroupRow = rowType(nex.groups.Group);
// The membership plus its page position (the join time under the name pagination reads).
const MemberRow = rowType(Type.Object({ ...nex.groups.GroupMember.properties, createdAt: Type.String() }));
const InvitationRow = rowType(nex.groups.GroupInvitation);
const IdRow = rowType(Type.Object({ id: Type.String() }));
const MovedRow = rowType(Type.Object({ moved: Type.Boolean() }));

const groupColumns = sql.fragment`
  g.id, g.name, g.description, g.is_public AS "isPublic", owner.username AS "ownerUsername",
  g.member_limit AS "memberLimit", g.member_count AS "memberCount", nex.group_role(g.id) AS "myRole",
  g.created_at AS "createdAt", g.updated_at AS "updatedAt"
`;
const groupSource = sql.fragment`nex.groups g JOIN nex.creators owner ON owner.account_id = g.account_id`;

const memberColumns = sql.fragment`
  m.id, m.group_id AS "groupId", c.username, m.role, m.created_at AS "joinedAt", m.created_at AS "createdAt"
`;
const memberSource = sql.fragment`nex.group_members m JOIN nex.creators c ON c.account_id = m.account_id`;

const invitationColumns = sql.fragment`
  i.id, i.group_id AS "groupId", g.name AS "groupName", invitee.username, inviter.username AS "invitedBy",
  i.created_at AS "createdAt"
`;
const invitationSource = sql.fragment`
  nex.group_invitations i
  JOIN nex.groups g ON g.id = i.group_id
  JOIN nex.creators invitee ON invitee.account_id = i.account_id
  LEFT JOIN nex.creators inviter ON inviter.account_id = i.invited_by
`;

export interface NewGroup {
  name: string;
  description: string;
  isPublic: boolean;
  memberLimit: number;
}

export function insertGroup(db: CommonQueryMethods, accountId: string, group: NewGroup) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.groups (account_id, name, description, is_public, member_limit)
    VALUES (${accountId}, ${group.name}, ${group.description}, ${group.isPublic}, ${group.memberLimit})
    RETURNING id
  `);
}

export function findGroup(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(GroupRow)`SELECT ${groupColumns} FROM ${groupSource} WHERE g.id = ${id}`);
}

/** Groups the caller can see (public ones and its own), or only those it belongs to. */
export function listGroups(
  db: CommonQueryMethods,
  accountId: string | null,
  mine: boolean,
  after: Position | null,
  take: number,
) {
  if (mine) {
    return db.any(sql.type(GroupRow)`
      SELECT ${groupColumns} FROM ${groupSource}
      JOIN nex.group_members me ON me.group_id = g.id AND me.account_id = ${accountId}
      WHERE true ${afterPosition(after, 'g')}
      ORDER BY g.created_at DESC, g.id DESC
      LIMIT ${take}
    `);
  }
  // The page is among the first `take` public groups after the cursor (their partial index) and
  // the first `take` private groups of the caller after it: two bounded reads.
  return db.any(sql.type(GroupRow)`
    SELECT ${groupColumns} FROM ${groupSource}
    WHERE g.id IN (
      (SELECT p.id FROM nex.groups p WHERE p.is_public ${afterPosition(after, 'p')}
       ORDER BY p.created_at DESC, p.id DESC LIMIT ${take})
      UNION ALL
      (SELECT q.id FROM nex.group_members own JOIN nex.groups q ON q.id = own.group_id
       WHERE own.account_id = ${accountId} AND NOT q.is_public ${afterPosition(after, 'q')}
       ORDER BY q.created_at DESC, q.id DESC LIMIT ${take})
    )
    ORDER BY g.created_at DESC, g.id DESC
    LIMIT ${take}
  `);
}

export interface GroupChanges {
  name: string;
  description: string;
  isPublic: boolean;
  memberLimit: number;
}

/** The owner's update; null when the caller does not own the group (RLS matches no row). */
export function updateGroup(db: CommonQueryMethods, id: string, changes: GroupChanges) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.groups SET name = ${changes.name}, description = ${changes.description},
      is_public = ${changes.isPublic}, member_limit = ${changes.memberLimit}, updated_at = now()
    WHERE id = ${id}
    RETURNING id
  `);
}

export function deleteGroup(db: CommonQueryMethods, id: string) {
  return db.maybeOneFirst(sql.type(IdRow)`DELETE FROM nex.groups WHERE id = ${id} RETURNING id`);
}

/** Joins the caller; null when it is a member already (or RLS refuses). */
export function insertMember(
  db: CommonQueryMethods,
  groupId: string,
  accountId: string,
  role: 'owner' | 'member',
) {
  return db.maybeOneFirst(sql.type(IdRow)`
    INSERT INTO nex.group_members (group_id, account_id, role) VALUES (${groupId}, ${accountId}, ${role})
    ON CONFLICT (group_id, account_id) DO NOTHING
    RETURNING id
  `);
}

export function findMember(db: CommonQueryMethods, groupId: string, accountId: string) {
  return db.maybeOne(sql.type(MemberRow)`
    SELECT ${memberColumns} FROM ${memberSource} WHERE m.group_id = ${groupId} AND m.account_id = ${accountId}
  `);
}

export function listMembers(db: CommonQueryMethods, groupId: string, after: Position | null, take: number) {
  return db.any(sql.type(MemberRow)`
    SELECT ${memberColumns} FROM ${memberSource}
    WHERE m.group_id = ${groupId} ${afterPosition(after, 'm')}
    ORDER BY m.created_at DESC, m.id DESC
    LIMIT ${take}
  `);
}

/** Null when RLS or the role filter matched nothing. */
export function updateMemberRole(
  db: CommonQueryMethods,
  groupId: string,
  accountId: string,
  role: 'admin' | 'member',
) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.group_members SET role = ${role}
    WHERE group_id = ${groupId} AND account_id = ${accountId}
    RETURNING id
  `);
}

export function deleteMember(db: CommonQueryMethods, groupId: string, accountId: string) {
  return db.maybeOneFirst(sql.type(IdRow)`
    DELETE FROM nex.group_members WHERE group_id = ${groupId} AND account_id = ${accountId}
    RETURNING id
  `);
}

export function transferGroup(db: CommonQueryMethods, groupId: string, newOwnerId: string) {
  return db.oneFirst(sql.type(MovedRow)`SELECT nex.transfer_group(${groupId}, ${newOwnerId}) AS moved`);
}

/** The pending invitation, new or already there. */
export async function insertInvitation(
  db: CommonQueryMethods,
  groupId: string,
  inviteeId: string,
  inviterId: string,
) {
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.group_invitations (group_id, account_id, invited_by)
    VALUES (${groupId}, ${inviteeId}, ${inviterId})
    ON CONFLICT (group_id, account_id) DO NOTHING
  `);
  return db.one(sql.type(InvitationRow)`
    SELECT ${invitationColumns} FROM ${invitationSource} WHERE i.group_id = ${groupId} AND i.account_id = ${inviteeId}
  `);
}

export function listInvitations(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(InvitationRow)`
    SELECT ${invitationColumns} FROM ${invitationSource}
    WHERE i.account_id = ${accountId} ${afterPosition(after, 'i')}
    ORDER BY i.created_at DESC, i.id DESC
    LIMIT ${take}
  `);
}

/** By id (the invitee or an admin) or by group and invitee (used up by joining). */
export function deleteInvitation(db: CommonQueryMethods, id: string) {
  return db.maybeOneFirst(sql.type(IdRow)`DELETE FROM nex.group_invitations WHERE id = ${id} RETURNING id`);
}

export async function useInvitation(db: CommonQueryMethods, groupId: string, accountId: string) {
  await db.query(sql.type(NoRows)`
    DELETE FROM nex.group_invitations WHERE group_id = ${groupId} AND account_id = ${accountId}
  `);
}

const JoinRequestRow = rowType(nex.groups.GroupJoinRequest);
const DecidedRow = rowType(Type.Object({ groupId: Type.String(), accountId: Type.String() }));
const joinRequestColumns = sql.fragment`
  r.id, r.group_id AS "groupId", c.username, r.message, r.status, r.created_at AS "createdAt",
  r.decided_at AS "decidedAt"
`;
const joinRequestSource = sql.fragment`nex.group_join_requests r JOIN nex.creators c ON c.account_id = r.account_id`;

/**
 * The caller's pending request to join the group, new or already there. A group id that is no
 * group fails the foreign key (the check reads past RLS, so a private group passes it).
 */
export async function insertJoinRequest(
  db: CommonQueryMethods,
  groupId: string,
  accountId: string,
  message: string | null,
) {
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.group_join_requests (group_id, account_id, message)
    VALUES (${groupId}, ${accountId}, ${message})
    ON CONFLICT (group_id, account_id) WHERE status = 'pending' DO NOTHING
  `);
  return db.one(sql.type(JoinRequestRow)`
    SELECT ${joinRequestColumns} FROM ${joinRequestSource}
    WHERE r.group_id = ${groupId} AND r.account_id = ${accountId} AND r.status = 'pending'
  `);
}

export function findJoinRequest(db: CommonQueryMethods, id: string) {
  return db.maybeOne(
    sql.type(JoinRequestRow)`SELECT ${joinRequestColumns} FROM ${joinRequestSource} WHERE r.id = ${id}`,
  );
}

export type JoinRequestStatus = 'pending' | 'approved' | 'declined' | 'canceled';

export function listGroupJoinRequests(
  db: CommonQueryMethods,
  groupId: string,
  status: JoinRequestStatus,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(JoinRequestRow)`
    SELECT ${joinRequestColumns} FROM ${joinRequestSource}
    WHERE r.group_id = ${groupId} AND r.status = ${status} ${afterPosition(after, 'r')}
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT ${take}
  `);
}

export function listOwnJoinRequests(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(JoinRequestRow)`
    SELECT ${joinRequestColumns} FROM ${joinRequestSource}
    WHERE r.account_id = ${accountId} ${afterPosition(after, 'r')}
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT ${take}
  `);
}

/**
 * Moves a pending request, if the caller may make that move: the asker cancels, the group's owner
 * or an admin approves or declines. The asker's account comes back (to admit it on approval);
 * null when nothing matched. `decided_at = now()` is what lets the approver insert the membership
 * (migration 0403's policy on nex.group_members).
 */
export function decideJoinRequest(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  status: 'approved' | 'declined' | 'canceled',
) {
  const mover =
    status === 'canceled'
      ? sql.fragment`account_id = ${accountId}`
      : sql.fragment`nex.group_role(group_id) IN ('owner', 'admin')`;
  return db.maybeOne(sql.type(DecidedRow)`
    UPDATE nex.group_join_requests SET status = ${status}, decided_at = now()
    WHERE id = ${id} AND status = 'pending' AND ${mover}
    RETURNING group_id AS "groupId", account_id AS "accountId"
  `);
}

/** A creator who joins by invitation has no more use for a pending request to the same group. */
export async function cancelPendingJoinRequest(db: CommonQueryMethods, groupId: string, accountId: string) {
  await db.query(sql.type(NoRows)`
    UPDATE nex.group_join_requests SET status = 'canceled', decided_at = now()
    WHERE group_id = ${groupId} AND account_id = ${accountId} AND status = 'pending'
  `);
}
