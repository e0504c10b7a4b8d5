/**
 * Groups (docs/products/nex.md, Groups): creators gather in public or private groups with an
 * owner, admins and members, up to a member limit. A private group is invisible (404) to anyone
 * who is neither a member nor invited; one joins it by invitation, or by asking (a join request)
 * that its owner or an admin approves.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { Username } from './creators.ts';

export const GroupRole = StringEnum(['owner', 'admin', 'member'], {
  description:
    '`owner` (one per group: edits, deletes, sets roles, transfers), `admin` (invites, answers join requests, removes members) or `member`.',
});

const groupExample = {
  id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
  name: '水彩クラブ',
  description: '水彩で風景を描く人の集まり',
  isPublic: true,
  ownerUsername: 'yuki_draws',
  memberLimit: 50,
  memberCount: 12,
  myRole: 'member' as const,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

const Name = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: "The group's name, 1 to 100 characters.",
});
const Description = Type.String({
  maxLength: 2000,
  description: 'What the group is about, up to 2000 characters.',
});
const MemberLimit = Type.Integer({
  minimum: 2,
  maximum: 500,
  description: 'How many members the group may have, owner included: 2 to 500 (default 50).',
});

export const Group = named(
  'NexGroup',
  Type.Object({
    id: Id("The group's id."),
    name: Name,
    description: Description,
    isPublic: Type.Boolean({
      description:
        'Public groups are readable by anyone and open to join; private ones only by their members and invited creators.',
    }),
    ownerUsername: Username,
    memberLimit: MemberLimit,
    memberCount: Type.Integer({ minimum: 0, description: 'How many members the group has, owner included.' }),
    myRole: Type.Union([GroupRole, Type.Null()], {
      description: "The caller's role in the group; null when the caller is not a member (or anonymous).",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A group of creators.', example: groupExample },
);

export const GroupList = Page('NexGroupList', Group, groupExample);

const memberExample = {
  id: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b',
  groupId: groupExample.id,
  username: 'hana_listens',
  role: 'member' as const,
  joinedAt: '2026-11-30T09:00:00.000Z',
};

export const GroupMember = named(
  'NexGroupMember',
  Type.Object({
    id: Id('The id of the membership.'),
    groupId: Id('The group.'),
    username: Username,
    role: GroupRole,
    joinedAt: Timestamp,
  }),
  { description: 'A creator in a group, with their role.', example: memberExample },
);

export const GroupMemberList = Page('NexGroupMemberList', GroupMember, memberExample);

const invitationExample = {
  id: '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
  groupId: groupExample.id,
  groupName: groupExample.name,
  username: 'hana_listens',
  invitedBy: 'yuki_draws',
  createdAt: '2026-11-30T09:00:00.000Z',
};

export const GroupInvitation = named(
  'NexGroupInvitation',
  Type.Object({
    id: Id("The invitation's id."),
    groupId: Id('The group the creator is invited to.'),
    groupName: Name,
    username: { ...Username, description: 'The creator invited.' },
    invitedBy: Type.Union([Username, Type.Null()], {
      description: 'The owner or admin who invited; null if that creator has left nex since.',
    }),
    createdAt: Timestamp,
  }),
  {
    description:
      'An invitation to join a group, pending until the invitee joins or declines, or it is revoked.',
    example: invitationExample,
  },
);

export const GroupInvitationList = Page('NexGroupInvitationList', GroupInvitation, invitationExample);

export const CreateGroupRequest = named(
  'NexCreateGroupRequest',
  Type.Object(
    {
      name: Name,
      description: Type.Optional(Description),
      isPublic: Type.Optional(
        Type.Boolean({ description: 'Whether anyone may read and join it (default false: private).' }),
      ),
      memberLimit: Type.Optional(MemberLimit),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A new group; the caller becomes its owner and first member.',
    example: { name: '水彩クラブ', description: '水彩で風景を描く人の集まり', isPublic: true },
  },
);

export const UpdateGroupRequest = named(
  'NexUpdateGroupRequest',
  Type.Object(
    {
      name: Type.Optional(Name),
      description: Type.Optional(Description),
      isPublic: Type.Optional(Type.Boolean({ description: 'Whether anyone may read and join it.' })),
      memberLimit: Type.Optional(MemberLimit),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description: 'The group fields to change; fields left out keep their value.',
    example: { memberLimit: 30 },
  },
);

const UsernameBody = (title: string, description: string) =>
  named(
    title,
    Type.Object(
      { username: { ...Username, description: 'The creator, by username (any case).' } },
      { additionalProperties: false },
    ),
    { description, example: { username: 'hana_listens' } },
  );

export const InviteRequest = UsernameBody('NexGroupInviteRequest', 'The creator to invite.');
export const TransferRequest = UsernameBody(
  'NexGroupTransferRequest',
  'The member who becomes the owner (the previous owner becomes an admin).',
);

export const RoleRequest = named(
  'NexGroupRoleRequest',
  Type.Object(
    {
      role: StringEnum(['admin', 'member'], {
        description: 'The new role; ownership moves only by transfer.',
      }),
    },
    { additionalProperties: false },
  ),
  { description: "A member's new role.", example: { role: 'admin' } },
);

const Params = IdParams('group', groupExample.id);
const MemberParams = Type.Object(
  {
    id: Id("The group's id.", groupExample.id),
    username: { ...Username, description: "The member's username (any case)." },
  },
  { additionalProperties: false },
);

export const create = defineOperation({
  operationId: 'nex.groups.create',
  method: 'POST',
  path: '/v1/nex/groups',
  tag: 'nex',
  summary: 'Create a group',
  description: 'The caller must have joined nex (409) and becomes the owner.',
  auth: { scope: 'nex:write' },
  body: CreateGroupRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The group.', schema: Group },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'nex.groups.list',
  method: 'GET',
  path: '/v1/nex/groups',
  tag: 'nex',
  summary: 'List groups, newest first',
  description:
    'Public groups, and the private groups the caller belongs to; `member=me` lists only the groups the caller belongs to (none for an anonymous caller).',
  auth: { scope: 'nex:read', optional: true },
  query: PageQuery({
    member: Type.Optional(
      StringEnum(['me'], {
        description: '`me`: only the groups the caller is a member of.',
        examples: ['me'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of groups.', schema: GroupList },
});

export const get = defineOperation({
  operationId: 'nex.groups.get',
  method: 'GET',
  path: '/v1/nex/groups/{id}',
  tag: 'nex',
  summary: 'Get a group',
  description: 'A private group is 404 to anyone but its members and invited creators.',
  auth: { scope: 'nex:read', optional: true },
  params: Params,
  success: { status: 200, description: 'The group.', schema: Group },
});

export const update = defineOperation({
  operationId: 'nex.groups.update',
  method: 'PATCH',
  path: '/v1/nex/groups/{id}',
  tag: 'nex',
  summary: 'Change a group',
  description:
    'Only the owner (403 for its other members, 404 for anyone who cannot see it). A member limit below the current member count is 409.',
  auth: { scope: 'nex:write' },
  params: Params,
  body: UpdateGroupRequest,
  audited: true,
  success: { status: 200, description: 'The updated group.', schema: Group },
  errors: [403, 409],
});

export const remove = defineOperation({
  operationId: 'nex.groups.delete',
  method: 'DELETE',
  path: '/v1/nex/groups/{id}',
  tag: 'nex',
  summary: 'Delete a group',
  description:
    'Only the owner (403 for its other members); memberships, invitations and join requests go with it.',
  auth: { scope: 'nex:write' },
  params: Params,
  audited: true,
  success: { status: 204, description: 'The group is gone.' },
  errors: [403],
});

export const join = defineOperation({
  operationId: 'nex.groups.join',
  method: 'POST',
  path: '/v1/nex/groups/{id}/join',
  tag: 'nex',
  summary: 'Join a group',
  description:
    'A public group, or a private one the caller is invited to (the invitation is used up). Idempotent for a member. A full group, or a caller who has not joined nex, is 409.',
  auth: { scope: 'nex:write' },
  params: Params,
  audited: true,
  success: { status: 200, description: "The caller's membership.", schema: GroupMember },
  errors: [409],
});

export const leave = defineOperation({
  operationId: 'nex.groups.leave',
  method: 'POST',
  path: '/v1/nex/groups/{id}/leave',
  tag: 'nex',
  summary: 'Leave a group',
  description:
    'Idempotent: 204 whether or not the caller was a member. The owner cannot leave (409): transfer the group first, or delete it.',
  auth: { scope: 'nex:write' },
  params: Params,
  audited: true,
  success: { status: 204, description: 'The caller is not a member.' },
  errors: [409],
});

export const transfer = defineOperation({
  operationId: 'nex.groups.transfer',
  method: 'POST',
  path: '/v1/nex/groups/{id}/transfer',
  tag: 'nex',
  summary: "Transfer a group's ownership",
  description:
    'Only the owner (403 for other members); the new owner must be a member (409), and the previous owner stays as an admin.',
  auth: { scope: 'nex:write' },
  params: Params,
  body: TransferRequest,
  audited: true,
  success: { status: 200, description: 'The group under its new owner.', schema: Group },
  errors: [403, 409],
});

export const listMembers = defineOperation({
  operationId: 'nex.groups.members.list',
  method: 'GET',
  path: '/v1/nex/groups/{id}/members',
  tag: 'nex',
  summary: "List a group's members, newest first",
  description: 'Whoever can see the group can see its members.',
  auth: { scope: 'nex:read', optional: true },
  params: Params,
  query: PageQuery(),
  success: { status: 200, description: 'A page of members.', schema: GroupMemberList },
});

export const updateMember = defineOperation({
  operationId: 'nex.groups.members.update',
  method: 'PATCH',
  path: '/v1/nex/groups/{id}/members/{username}',
  tag: 'nex',
  summary: "Change a member's role",
  description:
    "Only the owner (403 for other members), between `admin` and `member`; the owner's own role changes only by transfer (409).",
  auth: { scope: 'nex:write' },
  params: MemberParams,
  body: RoleRequest,
  audited: true,
  success: { status: 200, description: 'The membership.', schema: GroupMember },
  errors: [403, 409],
});

export const removeMember = defineOperation({
  operationId: 'nex.groups.members.delete',
  method: 'DELETE',
  path: '/v1/nex/groups/{id}/members/{username}',
  tag: 'nex',
  summary: 'Remove a member',
  description:
    'The owner removes admins and members, an admin removes members (403 otherwise); the owner is never removed (409). 404 when the creator is not a member.',
  auth: { scope: 'nex:write' },
  params: MemberParams,
  audited: true,
  success: { status: 204, description: 'The creator is no longer a member.' },
  errors: [403, 409],
});

export const invite = defineOperation({
  operationId: 'nex.groups.invitations.create',
  method: 'POST',
  path: '/v1/nex/groups/{id}/invitations',
  tag: 'nex',
  summary: 'Invite a creator to a group',
  description:
    'The owner or an admin (403 for members). Inviting a member is 409; inviting again returns the pending invitation. The invitee then sees the group, even a private one, and joins it with `POST …/join`.',
  auth: { scope: 'nex:write' },
  params: Params,
  body: InviteRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The invitation.', schema: GroupInvitation },
  errors: [403, 409],
});

export const listInvitations = defineOperation({
  operationId: 'nex.groupInvitations.list',
  method: 'GET',
  path: '/v1/nex/group-invitations',
  tag: 'nex',
  summary: 'List the group invitations the caller received, newest first',
  description: 'Pending invitations only: joining or declining removes one.',
  auth: { scope: 'nex:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of invitations.', schema: GroupInvitationList },
});

export const removeInvitation = defineOperation({
  operationId: 'nex.groupInvitations.delete',
  method: 'DELETE',
  path: '/v1/nex/group-invitations/{id}',
  tag: 'nex',
  summary: 'Decline or revoke a group invitation',
  description: "The invitee declines it, or the group's owner or an admin revokes it; anyone else gets 404.",
  auth: { scope: 'nex:write' },
  params: IdParams('invitation', invitationExample.id),
  audited: true,
  success: { status: 204, description: 'The invitation is gone.' },
});

// Join requests: an outsider asks to join a private group; its owner or an admin answers.

export const JoinRequestStatus = StringEnum(['pending', 'approved', 'declined', 'canceled'], {
  description:
    "`pending` until the group's owner or an admin approves it (the creator becomes a member) or declines it, or the creator cancels it.",
});

const JoinMessage = Type.String({
  minLength: 1,
  maxLength: 2000,
  pattern: '\\S',
  description: 'A message to the group, 1 to 2000 characters.',
});

const joinRequestExample = {
  id: '0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d',
  groupId: groupExample.id,
  username: 'hana_listens',
  message: '風景画を描いています。参加させてください。',
  status: 'pending' as const,
  createdAt: '2026-11-30T09:00:00.000Z',
  decidedAt: null,
};

export const GroupJoinRequest = named(
  'NexGroupJoinRequest',
  Type.Object({
    id: Id("The join request's id."),
    groupId: Id('The group asked about.'),
    username: { ...Username, description: 'The creator asking to join.' },
    message: Type.Union([JoinMessage, Type.Null()], { description: "The asker's message; null if none." }),
    status: JoinRequestStatus,
    createdAt: Timestamp,
    decidedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When it left `pending` (approved, declined or canceled); null before.',
    }),
  }),
  {
    description:
      "A creator's request to join a private group, readable by that creator and by the group's owner and admins only. It never shows the group's name or members to the asker.",
    example: joinRequestExample,
  },
);

export const GroupJoinRequestList = Page('NexGroupJoinRequestList', GroupJoinRequest, joinRequestExample);

export const CreateJoinRequest = named(
  'NexCreateGroupJoinRequest',
  Type.Object({ message: Type.Optional(JoinMessage) }, { additionalProperties: false }),
  {
    description: "An optional message for the group's owner and admins.",
    example: { message: joinRequestExample.message },
  },
);

export const requestToJoin = defineOperation({
  operationId: 'nex.groups.joinRequests.create',
  method: 'POST',
  path: '/v1/nex/groups/{id}/join-requests',
  tag: 'nex',
  summary: 'Ask to join a private group',
  description:
    "For a private group the caller is not in, known by its id (a member shares it: a private group's id is shown only to its members and invitees). Asking again while a request is pending returns that request. A public group (join it with `POST …/join`), a group the caller is a member of or invited to (join it), or a caller who has not joined nex is 409; an id that is no group is 404. The answer shows the request only, never the group.",
  auth: { scope: 'nex:write' },
  params: Params,
  body: CreateJoinRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The pending request.', schema: GroupJoinRequest },
  errors: [409],
});

export const listJoinRequests = defineOperation({
  operationId: 'nex.groups.joinRequests.list',
  method: 'GET',
  path: '/v1/nex/groups/{id}/join-requests',
  tag: 'nex',
  summary: "List a group's join requests, newest first",
  description:
    'The owner and admins only (403 for other members, 404 for anyone who cannot see the group). Pending requests unless `status` says otherwise.',
  auth: { scope: 'nex:read' },
  params: Params,
  query: PageQuery({
    status: Type.Optional({
      ...JoinRequestStatus,
      description: 'Only requests in this state (default `pending`).',
      default: 'pending',
      examples: ['declined'],
    }),
  }),
  success: { status: 200, description: 'A page of join requests.', schema: GroupJoinRequestList },
  errors: [403],
});

export const listOwnJoinRequests = defineOperation({
  operationId: 'nex.groupJoinRequests.list',
  method: 'GET',
  path: '/v1/nex/group-join-requests',
  tag: 'nex',
  summary: 'List the join requests the caller made, newest first',
  description: 'Every state, so the caller learns which were approved, declined or canceled.',
  auth: { scope: 'nex:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of join requests.', schema: GroupJoinRequestList },
});

const JoinRequestParams = IdParams('join request', joinRequestExample.id);

function answerJoinRequest(action: 'approve' | 'decline' | 'cancel', rule: string, summary: string) {
  return defineOperation({
    operationId: `nex.groupJoinRequests.${action}`,
    method: 'POST',
    path: `/v1/nex/group-join-requests/{id}/${action}`,
    tag: 'nex',
    summary,
    description: `${rule} Anyone who can read the request but may not make this move gets 403, anyone else 404; a request that is no longer pending is 409.`,
    auth: { scope: 'nex:write' },
    params: JoinRequestParams,
    audited: true,
    success: { status: 200, description: 'The request after the move.', schema: GroupJoinRequest },
    errors: [403, 409],
  } as const);
}

export const approveJoinRequest = answerJoinRequest(
  'approve',
  "The group's owner or an admin; the creator becomes a member, unless the group is full (409, and the request stays pending).",
  'Approve a join request',
);
export const declineJoinRequest = answerJoinRequest(
  'decline',
  "The group's owner or an admin.",
  'Decline a join request',
);
export const cancelJoinRequest = answerJoinRequest(
  'cancel',
  'The creator who asked.',
  'Cancel a join request',
);
