/**
 * Nex creator profiles (docs/products/nex.md, Creators): joining nex makes an account a public
 * creator with a username; counters, EXP and level are kept by the service, never written by the owner.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, StringEnum, Timestamp } from '../schema.ts';
import { ReferralCode } from './live/referrals.ts';

/** One character class, linear to match; unique ignoring case. */
export const Username = Type.String({
  minLength: 3,
  maxLength: 30,
  pattern: '^[A-Za-z0-9_]+$',
  description: "The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.",
  examples: ['yuki_draws'],
});

export const UsernameParams = Type.Object(
  { username: { ...Username, description: "The creator's username (any case)." } },
  { additionalProperties: false },
);

export const UserType = StringEnum(['creator', 'fan', 'both'], {
  description: '`creator` publishes, `fan` follows and likes, `both` does both.',
});

export const Skill = named(
  'NexSkill',
  Type.Object(
    {
      name: Type.String({
        minLength: 1,
        maxLength: 40,
        pattern: '^\\S(.*\\S)?$',
        description: 'The skill, e.g. `watercolour`.',
      }),
      level: StringEnum(['beginner', 'intermediate', 'advanced', 'professional'], {
        description: 'How practised the creator says it is.',
      }),
    },
    { additionalProperties: false },
  ),
  { description: 'A skill a creator lists.', example: { name: 'watercolour', level: 'advanced' } },
);

export const SocialLink = named(
  'NexSocialLink',
  Type.Object(
    {
      network: StringEnum(['x', 'instagram', 'youtube', 'pixiv', 'tiktok', 'website'], {
        description: 'Which network the link is on.',
      }),
      url: Type.String({
        minLength: 12,
        maxLength: 2048,
        // A fixed prefix then one class: linear. The URL is shown, never fetched.
        pattern: '^https://[^\\s\\x00-\\x1f\\x7f]+$',
        description: 'An `https://` URL without spaces.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: "A link to one of the creator's pages elsewhere.",
    example: { network: 'pixiv', url: 'https://www.pixiv.net/users/1' },
  },
);

const Skills = Type.Array(Skill, { maxItems: 20, description: 'Up to 20 skills.' });
const SocialLinks = Type.Array(SocialLink, { maxItems: 10, description: 'Up to 10 links.' });

const creatorExample = {
  username: 'yuki_draws',
  userType: 'both' as const,
  isVerified: false,
  skills: [{ name: 'watercolour', level: 'advanced' as const }],
  socialLinks: [{ network: 'pixiv' as const, url: 'https://www.pixiv.net/users/1' }],
  level: 3,
  totalExp: 420,
  fanCount: 12,
  followingCount: 4,
  createdAt: '2026-11-30T09:00:00.000Z',
};

export const Creator = named(
  'NexCreator',
  Type.Object({
    username: Username,
    userType: UserType,
    isVerified: Type.Boolean({ description: 'Whether staff verified who the creator is.' }),
    skills: Skills,
    socialLinks: SocialLinks,
    level: Type.Integer({
      minimum: 1,
      description: 'The level reached with `totalExp` (`GET /v1/nex/levels`).',
    }),
    totalExp: Type.Integer({ minimum: 0, description: 'Experience points earned so far.' }),
    fanCount: Type.Integer({ minimum: 0, description: 'How many accounts are fans of the creator.' }),
    followingCount: Type.Integer({ minimum: 0, description: 'How many creators this one is a fan of.' }),
    createdAt: Timestamp,
  }),
  { description: 'A nex creator profile: public to everyone.', example: creatorExample },
);

export const CreateCreatorRequest = named(
  'NexCreateCreatorRequest',
  Type.Object(
    {
      username: Username,
      birthDate: Type.String({
        format: 'date',
        description: 'The date of birth (YYYY-MM-DD): creators must be 13 or older on the day they join.',
        examples: ['2000-04-01'],
      }),
      userType: Type.Optional({ ...UserType, default: 'both' }),
      skills: Type.Optional(Skills),
      socialLinks: Type.Optional(SocialLinks),
      referralCode: Type.Optional({
        ...ReferralCode,
        description:
          'The referral code that brought you (an active code of someone else, 409 otherwise): its owner sees one signup conversion.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'Joining nex: the username and date of birth, the rest optional.',
    example: { username: 'yuki_draws', birthDate: '2000-04-01', userType: 'both' },
  },
);

export const UpdateCreatorRequest = named(
  'NexUpdateCreatorRequest',
  Type.Object(
    {
      newUsername: Type.Optional({
        ...Username,
        description:
          'A new username, unique ignoring case (409 when taken). The old one is released at once: links to it stop working, and another creator may take it.',
      }),
      userType: Type.Optional(UserType),
      skills: Type.Optional(Skills),
      socialLinks: Type.Optional(SocialLinks),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description: 'The creator fields to change; fields left out keep their value.',
    example: { skills: [{ name: 'pixel art', level: 'intermediate' }] },
  },
);

export const create = defineOperation({
  operationId: 'nex.creators.create',
  method: 'POST',
  path: '/v1/nex/creators',
  tag: 'nex',
  summary: 'Join nex as a creator',
  description:
    "Creates the caller's public creator profile. Under 13 on the day of joining is 400; a username taken (ignoring case), or an account that joined already, is 409.",
  auth: { scope: 'nex:write' },
  body: CreateCreatorRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The creator profile.', schema: Creator },
  errors: [409],
});

export const get = defineOperation({
  operationId: 'nex.creators.get',
  method: 'GET',
  path: '/v1/nex/creators/{username}',
  tag: 'nex',
  summary: 'Get a creator',
  description: 'Anyone may call this, with or without credentials.',
  auth: { scope: 'nex:read', optional: true },
  params: UsernameParams,
  success: { status: 200, description: 'The creator.', schema: Creator },
});

export const update = defineOperation({
  operationId: 'nex.creators.update',
  method: 'PATCH',
  path: '/v1/nex/creators/{username}',
  tag: 'nex',
  summary: "Change the caller's creator profile",
  description:
    "Only the profile's owner may change it; another creator's is 404. A `newUsername` already taken (ignoring case) is 409.",
  auth: { scope: 'nex:write' },
  params: UsernameParams,
  body: UpdateCreatorRequest,
  audited: true,
  success: { status: 200, description: 'The updated creator.', schema: Creator },
  errors: [409],
});
