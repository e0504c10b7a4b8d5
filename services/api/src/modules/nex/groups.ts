/**
 * Groups (docs/products/nex.md, Groups). RLS decides what the caller may see and change; when a
 * write matches nothing, the group as the caller sees it says why: absent or private (404), not
 * the caller's to change (403), or a rule of the group (409).
 */
import type { nex } from '@yorozu/contract';
import {
  CheckIntegrityConstraintViolationError,
  type DatabaseTransactionConnection,
  ForeignKeyIntegrityConstraintViolationError,
} from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { findCreatorOf } from './creator-queries.ts';
import { findCreatorAccount } from './fan-queries.ts';
import {
  cancelPendingJoinRequest,
  decideJoinRequest,
  deleteGroup,
  deleteInvitation,
  deleteMember,
  findGroup,
  findJoinRequest,
  findMember,
  insertGroup,
  insertInvitation,
  insertJoinRequest,
  insertMember,
  type JoinRequestStatus,
  listGroupJoinRequests,
  listGroups,
  listInvitations,
  listMembers,
  listOwnJoinRequests,
  transferGroup,
  updateGroup,
  updateMemberRole,
  useInvitation,
} from './group-queries.ts';

type Group = Static<typeof nex.groups.Group>;

const noGroup = () => notFound('group');
const joinFirst = () => new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');
const ownerOnly = (what: string) => new DomainError('forbidden', `Only the group's owner can ${what}.`);

async function visibleGroup(db: DatabaseTransactionConnection, id: string): Promise<Group> {
  const group = await findGroup(db, id);
  if (!group) throw noGroup();
  return group;
}

/** A member limit below the member count (or a join past it) fails the table's CHECK. */
async function withinLimit<T>(write: () => Promise<T>, detail: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof CheckIntegrityConstraintViolationError) throw new DomainError('conflict', detail);
    throw error;
  }
}

async function memberAccount(db: DatabaseTransactionConnection, groupId: string, username: string) {
  const accountId = await findCreatorAccount(db, username);
  const member = accountId ? await findMember(db, groupId, accountId) : null;
  if (!accountId || !member) throw new DomainError('not_found', 'No member of this group has that username.');
  return { accountId, member };
}

export async function createGroup(
  db: DatabaseTransactionConnection,
  accountId: string,
  request: Static<typeof nex.groups.CreateGroupRequest>,
) {
  if (!(await findCreatorOf(db, accountId))) throw joinFirst();
  const id = await insertGroup(db, accountId, {
    name: request.name,
    description: request.description ?? '',
    isPublic: request.isPublic ?? false,
    memberLimit: request.memberLimit ?? 50,
  });
  await insertMember(db, id, accountId, 'owner');
  return visibleGroup(db, id);
}

export function getGroup(db: DatabaseTransactionConnection, id: string) {
  return visibleGroup(db, id);
}

export function listVisibleGroups(
  db: DatabaseTransactionConnection,
  accountId: string | null,
  query: { member?: 'me'; limit?: number; cursor?: string },
) {
  const mine = query.member === 'me';
  return paginate(mine ? 'nex-groups-mine' : 'nex-groups', query, (after, take) =>
    listGroups(db, accountId, mine, after, take),
  );
}

export async function changeGroup(
  db: DatabaseTransactionConnection,
  id: string,
  changes: Static<typeof nex.groups.UpdateGroupRequest>,
) {
  const current = await visibleGroup(db, id);
  const updated = await withinLimit(
    () => updateGroup(db, id, { ...current, ...changes }),
    `The group has ${current.memberCount} members: the limit cannot go below that.`,
  );
  if (!updated) throw ownerOnly('change it');
  return visibleGroup(db, id);
}

export async function removeGroup(db: DatabaseTransactionConnection, id: string) {
  await visibleGroup(db, id);
  if (!(await deleteGroup(db, id))) throw ownerOnly('delete it');
}

export async function joinGroup(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (!(await findCreatorOf(db, accountId))) throw joinFirst();
  const group = await visibleGroup(db, id);
  if (group.myRole === null) {
    // A private group the caller can see but is not in: it holds an invitation (RLS checks it again).
    await withinLimit(
      () => insertMember(db, id, accountId, 'member'),
      `The group is full (${group.memberLimit} members).`,
    );
    await useInvitation(db, id, accountId);
    await cancelPendingJoinRequest(db, id, accountId);
  }
  const member = await findMember(db, id, accountId);
  if (!member) throw new Error('the membership just written is not readable');
  return withoutPosition(member);
}

export async function leaveGroup(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const group = await visibleGroup(db, id);
  if (group.myRole === 'owner') {
    throw new DomainError('conflict', 'The owner cannot leave: transfer the group first, or delete it.');
  }
  await deleteMember(db, id, accountId);
}

export async function transferOwnership(db: DatabaseTransactionConnection, id: string, username: string) {
  const group = await visibleGroup(db, id);
  if (group.myRole !== 'owner') throw ownerOnly('transfer it');
  const newOwner = await findCreatorAccount(db, username);
  if (!newOwner || !(await transferGroup(db, id, newOwner))) {
    throw new DomainError('conflict', 'The new owner must be another member of the group.');
  }
  return visibleGroup(db, id);
}

function withoutPosition<T extends { createdAt: string }>(row: T): Omit<T, 'createdAt'> {
  const { createdAt: _createdAt, ...rest } = row;
  return rest;
}

export async function listGroupMembers(
  db: DatabaseTransactionConnection,
  id: string,
  query: { limit?: number; cursor?: string },
) {
  await visibleGroup(db, id);
  const page = await paginate('nex-group-members', query, (after, take) => listMembers(db, id, after, take));
  return { ...page, data: page.data.map(withoutPosition) };
}

export async function changeMemberRole(
  db: DatabaseTransactionConnection,
  id: string,
  username: string,
  role: 'admin' | 'member',
) {
  const group = await visibleGroup(db, id);
  if (group.myRole !== 'owner') throw ownerOnly("change a member's role");
  const { accountId, member } = await memberAccount(db, id, username);
  if (member.role === 'owner') {
    throw new DomainError('conflict', "The owner's role changes only by transferring the group.");
  }
  if (!(await updateMemberRole(db, id, accountId, role))) throw ownerOnly("change a member's role");
  return withoutPosition({ ...member, role });
}

export async function removeGroupMember(db: DatabaseTransactionConnection, id: string, username: string) {
  await visibleGroup(db, id);
  const { accountId, member } = await memberAccount(db, id, username);
  if (member.role === 'owner') throw new DomainError('conflict', 'The owner cannot be removed.');
  if (!(await deleteMember(db, id, accountId))) {
    throw new DomainError('forbidden', 'Only the owner removes admins; admins remove members.');
  }
}

export async function inviteToGroup(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  username: string,
) {
  const group = await visibleGroup(db, id);
  if (group.myRole !== 'owner' && group.myRole !== 'admin') {
    throw new DomainError('forbidden', "Only the group's owner and admins invite.");
  }
  const invitee = await findCreatorAccount(db, username);
  if (!invitee) throw validationFailed('/body/username', 'is not a creator');
  if (await findMember(db, id, invitee))
    throw new DomainError('conflict', 'That creator is a member already.');
  return insertInvitation(db, id, invitee, accountId);
}

export function listOwnInvitations(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-group-invitations', query, (after, take) =>
    listInvitations(db, accountId, after, take),
  );
}

export async function removeInvitation(db: DatabaseTransactionConnection, id: string) {
  if (!(await deleteInvitation(db, id))) throw notFound('invitation');
}

/**
 * Asking to join a private group (docs/products/nex.md, Groups, Join requests). The asker cannot
 * see the group: a group it can see is public, or it is a member or invitee, and each says how to
 * join instead. The id of a group nobody has fails the insert's foreign key.
 */
export async function askToJoin(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  message: string | undefined,
) {
  if (!(await findCreatorOf(db, accountId))) throw joinFirst();
  const group = await findGroup(db, id);
  if (group?.myRole) throw new DomainError('conflict', 'You are a member of this group already.');
  if (group?.isPublic) {
    throw new DomainError('conflict', `This group is public: join it with POST /v1/nex/groups/${id}/join.`);
  }
  if (group) {
    throw new DomainError('conflict', `You are invited: join with POST /v1/nex/groups/${id}/join.`);
  }
  try {
    return await insertJoinRequest(db, id, accountId, message ?? null);
  } catch (error) {
    if (error instanceof ForeignKeyIntegrityConstraintViolationError) throw noGroup();
    throw error;
  }
}

const adminsOnly = (what: string) =>
  new DomainError('forbidden', `Only the group's owner and admins ${what}.`);

export async function listJoinRequestsOf(
  db: DatabaseTransactionConnection,
  id: string,
  query: { status?: JoinRequestStatus; limit?: number; cursor?: string },
) {
  const group = await visibleGroup(db, id);
  if (group.myRole !== 'owner' && group.myRole !== 'admin') throw adminsOnly('see join requests');
  const status = query.status ?? 'pending';
  return paginate(`nex-group-join-requests-${status}`, query, (after, take) =>
    listGroupJoinRequests(db, id, status, after, take),
  );
}

export function listOwnJoinRequestsOf(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-group-join-requests-mine', query, (after, take) =>
    listOwnJoinRequests(db, accountId, after, take),
  );
}

const JOIN_MOVES = {
  approve: { status: 'approved', byAsker: false },
  decline: { status: 'declined', byAsker: false },
  cancel: { status: 'canceled', byAsker: true },
} as const;

/**
 * One conditional UPDATE moves a pending request; when it matches nothing, the request as the
 * caller sees it says why: unreadable (404), not the caller's move (403), or no longer pending
 * (409). An approval then admits the asker in the same transaction: past the member limit the
 * group's CHECK refuses it and the request stays pending.
 */
export async function answerJoinRequest(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  action: keyof typeof JOIN_MOVES,
) {
  const move = JOIN_MOVES[action];
  const decided = await decideJoinRequest(db, accountId, id, move.status);
  if (decided) {
    if (action === 'approve') {
      await withinLimit(
        () => insertMember(db, decided.groupId, decided.accountId, 'member'),
        'The group is full: raise its member limit, or decline the request.',
      );
    }
    const request = await findJoinRequest(db, id);
    if (!request) throw new Error('the join request just moved is not readable');
    return request;
  }
  const current = await findJoinRequest(db, id);
  if (!current) throw notFound('join request');
  const asker = (await findCreatorOf(db, accountId))?.username === current.username;
  if (current.status === 'pending' || asker !== move.byAsker) {
    throw move.byAsker
      ? new DomainError('forbidden', 'Only the creator who asked can cancel a join request.')
      : adminsOnly(`${action} join requests`);
  }
  throw new DomainError('conflict', `The request is ${current.status}: only a pending request can change.`);
}
