/**
 * Collaboration requests (docs/products/nex.md, Collaborations): pending → accepted or declined by
 * the recipient, canceled by the sender, or expired after 30 days; any other transition is 409.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { Username } from './creators.ts';

export const CollaborationStatus = StringEnum(['pending', 'accepted', 'declined', 'canceled', 'expired'], {
  description:
    '`pending` until the recipient accepts or declines, the sender cancels, or 30 days pass (`expired`).',
});
const Message = Type.String({
  minLength: 1,
  maxLength: 2000,
  pattern: '\\S',
  description: 'A message, 1 to 2000 characters.',
});

const collaborationExample = {
  id: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
  senderUsername: 'yuki_draws',
  recipientUsername: 'hana_listens',
  artworkId: '6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d',
  project: null,
  message: 'この絵に曲をつけませんか？',
  responseMessage: null,
  status: 'pending' as const,
  expiresAt: '2026-12-30T09:00:00.000Z',
  createdAt: '2026-11-30T09:00:00.000Z',
  respondedAt: null,
};

export const Collaboration = named(
  'NexCollaboration',
  Type.Object({
    id: Id("The request's id."),
    senderUsername: Username,
    recipientUsername: Username,
    artworkId: Type.Union([Id('The artwork it is about.'), Type.Null()], {
      description: 'The artwork it is about; null for a project (or once the artwork is deleted).',
    }),
    project: Type.Union([Type.String(), Type.Null()], {
      description: 'The project it is about; null for an artwork.',
    }),
    message: Message,
    responseMessage: Type.Union([Message, Type.Null()], {
      description: "The recipient's (or sender's) answer.",
    }),
    status: CollaborationStatus,
    expiresAt: Timestamp,
    createdAt: Timestamp,
    respondedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When it left `pending` by an answer; null before.',
    }),
  }),
  {
    description: 'A collaboration request, readable by its sender and recipient only.',
    example: collaborationExample,
  },
);

export const CollaborationList = Page('NexCollaborationList', Collaboration, collaborationExample);

export const CreateCollaborationRequest = named(
  'NexCreateCollaborationRequest',
  Type.Object(
    {
      recipient: { ...Username, description: 'The username of the creator asked.' },
      artworkId: Type.Optional(Id("An artwork the sender can see (published, or the sender's own).")),
      project: Type.Optional(
        Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'A project name.' }),
      ),
      message: Message,
    },
    { additionalProperties: false },
  ),
  {
    description: 'A new request: about an artwork or a project (exactly one of them).',
    example: {
      recipient: 'hana_listens',
      artworkId: collaborationExample.artworkId,
      message: 'この絵に曲をつけませんか？',
    },
  },
);

export const AnswerRequest = named(
  'NexCollaborationAnswer',
  Type.Object({ responseMessage: Type.Optional(Message) }, { additionalProperties: false }),
  { description: 'An optional message with the answer.', example: { responseMessage: 'ぜひ！' } },
);

const Params = IdParams('collaboration request', collaborationExample.id);

export const create = defineOperation({
  operationId: 'nex.collaborations.create',
  method: 'POST',
  path: '/v1/nex/collaborations',
  tag: 'nex',
  summary: 'Ask a creator to collaborate',
  description:
    'The caller must have joined nex (409). Exactly one of `artworkId` and `project` (400); asking yourself is 409.',
  auth: { scope: 'nex:write' },
  body: CreateCollaborationRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The request, pending.', schema: Collaboration },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'nex.collaborations.list',
  method: 'GET',
  path: '/v1/nex/collaborations',
  tag: 'nex',
  summary: 'List collaboration requests sent or received, newest first',
  description: '`direction=received` (default) or `sent`.',
  auth: { scope: 'nex:read' },
  query: PageQuery({
    direction: Type.Optional(
      StringEnum(['received', 'sent'], {
        description: 'Which side the caller is on.',
        default: 'received',
        examples: ['sent'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of requests.', schema: CollaborationList },
});

export const get = defineOperation({
  operationId: 'nex.collaborations.get',
  method: 'GET',
  path: '/v1/nex/collaborations/{id}',
  tag: 'nex',
  summary: 'Get a collaboration request',
  description: 'Only its sender and recipient; anyone else gets 404.',
  auth: { scope: 'nex:read' },
  params: Params,
  success: { status: 200, description: 'The request.', schema: Collaboration },
});

function transition(action: 'accept' | 'decline' | 'cancel', who: string, summary: string) {
  return defineOperation({
    operationId: `nex.collaborations.${action}`,
    method: 'POST',
    path: `/v1/nex/collaborations/{id}/${action}`,
    tag: 'nex',
    summary,
    description: `Only ${who} (403 for the other party); a request that is no longer pending (answered, canceled or expired) is 409.`,
    auth: { scope: 'nex:write' },
    params: Params,
    body: AnswerRequest,
    audited: true,
    success: { status: 200, description: 'The request after the transition.', schema: Collaboration },
    errors: [403, 409],
  } as const);
}

export const accept = transition('accept', 'the recipient', 'Accept a collaboration request');
export const decline = transition('decline', 'the recipient', 'Decline a collaboration request');
export const cancel = transition('cancel', 'the sender', 'Cancel a collaboration request');
