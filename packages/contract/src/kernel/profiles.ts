/**
 * Public profiles (docs/architecture.md, Visibility and shared data): the kernel's first public
 * resource and its first shared interaction (follows). A profile is private until its owner sets
 * a handle and `visibility: "public"`; a private profile answers 404 to everyone else, exactly like
 * a handle nobody has.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

/**
 * ASCII letters, digits and `_`, 3 to 30 of them: one character class, so matching is linear,
 * and nothing that needs Unicode case folding to compare. Unique case-insensitively.
 */
export const Handle = Type.String({
  minLength: 3,
  maxLength: 30,
  pattern: '^[A-Za-z0-9_]+$',
  description:
    "The profile's public name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.",
  examples: ['ada_lovelace'],
});

export const Visibility = StringEnum(
  ['private', 'public'],
  { description: 'Who may read the profile. Publishing needs a handle.' },
  {
    private: 'Only its owner; others get 404.',
    public: 'Anyone, signed in or not.',
  },
);

export const ProfileLink = named(
  'ProfileLink',
  Type.Object(
    {
      label: Type.String({ minLength: 1, maxLength: 40, description: 'What the link is, e.g. `Portfolio`.' }),
      url: Type.String({
        minLength: 12,
        maxLength: 2048,
        // One class after a fixed prefix: linear. Spaces and controls are refused; the URL is shown, never fetched.
        pattern: '^https://[^\\s\\x00-\\x1f\\x7f]+$',
        description: 'An `https://` URL without spaces.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A labelled link on a profile.',
    example: { label: 'Portfolio', url: 'https://ada.example' },
  },
);

const Links = Type.Array(ProfileLink, { maxItems: 5, description: 'Up to 5 links, in the order shown.' });
const DisplayName = Type.String({
  minLength: 1,
  maxLength: 80,
  description: 'The name shown, 1 to 80 characters.',
});
const Bio = Type.String({
  maxLength: 500,
  description: 'A short text about the owner, up to 500 characters.',
});

const publicFields = {
  handle: Type.Union([Handle, Type.Null()], { description: 'The handle; null until the owner sets one.' }),
  displayName: Type.Union([DisplayName, Type.Null()], { description: 'The name shown; null when unset.' }),
  bio: Type.Union([Bio, Type.Null()], { description: 'The bio; null when unset.' }),
  avatarFileId: Type.Union([Id('The id of the avatar image (a file of the owner).'), Type.Null()], {
    description: 'The avatar image; null when unset.',
  }),
  links: Links,
  followerCount: Type.Integer({ minimum: 0, description: 'How many accounts follow this profile.' }),
  followingCount: Type.Integer({ minimum: 0, description: 'How many profiles the owner follows.' }),
};

const profileExample = {
  handle: 'ada_lovelace',
  displayName: 'Ada Lovelace',
  bio: 'Notes on the Analytical Engine.',
  avatarFileId: '5f0c6b9e-2a4d-4c3b-8e1f-7a6b5c4d3e2f',
  links: [{ label: 'Portfolio', url: 'https://ada.example' }],
  followerCount: 12,
  followingCount: 3,
};

export const PublicProfile = named('PublicProfile', Type.Object({ ...publicFields, handle: Handle }), {
  description: 'A published profile, as anyone sees it.',
  example: profileExample,
});

export const Profile = named(
  'Profile',
  Type.Object({
    ...publicFields,
    visibility: Visibility,
    updatedAt: Type.Union([Timestamp, Type.Null()], { description: 'Last change; null before the first.' }),
  }),
  {
    description: "The caller's own profile, published or not.",
    example: { ...profileExample, visibility: 'public', updatedAt: '2026-11-30T09:00:00.000Z' },
  },
);

export const UpdateProfileRequest = named(
  'UpdateProfileRequest',
  Type.Object(
    {
      handle: Type.Optional(
        Type.Union([Handle, Type.Null()], {
          description: 'The new handle; null removes it (and unpublishes).',
        }),
      ),
      displayName: Type.Optional(
        Type.Union([DisplayName, Type.Null()], { description: 'The new display name; null clears it.' }),
      ),
      bio: Type.Optional(Type.Union([Bio, Type.Null()], { description: 'The new bio; null clears it.' })),
      avatarFileId: Type.Optional(
        Type.Union([Id('An image file of the caller (`POST /v1/files`).'), Type.Null()], {
          description: 'The new avatar; null clears it.',
        }),
      ),
      links: Type.Optional(Links),
      visibility: Type.Optional(Visibility),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description: 'The profile fields to change; fields left out keep their value.',
    example: { handle: 'ada_lovelace', displayName: 'Ada Lovelace', visibility: 'public' },
  },
);

export const HandleParams = Type.Object(
  { handle: { ...Handle, description: "The profile's handle (any case)." } },
  { additionalProperties: false },
);

export const Follow = named(
  'Follow',
  Type.Object({
    id: Id("The follow's id."),
    followerId: Id('The account that follows.'),
    followeeId: Id('The account whose profile is followed.'),
    followeeHandle: Type.Union([Handle, Type.Null()], {
      description: "The followed profile's handle; null once it is no longer public.",
    }),
    createdAt: Timestamp,
  }),
  {
    description: "One account following another's profile: readable by both of them, by nobody else.",
    example: {
      id: '8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
      followerId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
      followeeId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      followeeHandle: 'ada_lovelace',
      createdAt: '2026-11-30T09:00:00.000Z',
    },
  },
);

export const FollowList = Page('FollowList', Follow, {
  id: '8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
  followerId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  followeeId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  followeeHandle: 'ada_lovelace',
  createdAt: '2026-11-30T09:00:00.000Z',
});

export const get = defineOperation({
  operationId: 'profiles.get',
  method: 'GET',
  path: '/v1/profiles/{handle}',
  tag: 'profiles',
  summary: 'Get a public profile',
  description:
    'Anyone may call this, with or without credentials. A profile that is not public answers 404 like a handle nobody has, except to its owner.',
  auth: { scope: 'me:read', optional: true },
  params: HandleParams,
  success: { status: 200, description: 'The profile.', schema: PublicProfile },
});

export const follow = defineOperation({
  operationId: 'profiles.follow',
  method: 'POST',
  path: '/v1/profiles/{handle}/follow',
  tag: 'profiles',
  summary: 'Follow a public profile',
  description:
    "Adds the caller to the profile's followers (once; following again changes nothing) and counts it in its `followerCount`. Your own profile cannot be followed (409).",
  auth: { scope: 'profiles:write' },
  params: HandleParams,
  audited: true,
  success: { status: 200, description: 'The follow.', schema: Follow },
  errors: [409],
});

export const unfollow = defineOperation({
  operationId: 'profiles.unfollow',
  method: 'DELETE',
  path: '/v1/profiles/{handle}/follow',
  tag: 'profiles',
  summary: 'Stop following a profile',
  description: "Removes the caller's follow; 404 when the caller does not follow a profile with that handle.",
  auth: { scope: 'profiles:write' },
  params: HandleParams,
  audited: true,
  success: { status: 204, description: 'No longer following.' },
});

export const listFollows = defineOperation({
  operationId: 'me.follows.list',
  method: 'GET',
  path: '/v1/me/follows',
  tag: 'me',
  summary: 'List follows from or to the caller, newest first',
  description:
    '`direction=following`: the profiles the caller follows; `direction=followers`: the accounts that follow the caller.',
  auth: { scope: 'me:read' },
  query: PageQuery({
    direction: Type.Optional(
      StringEnum(['following', 'followers'], {
        description: 'Which side the caller is on (default `following`).',
        examples: ['followers'],
        default: 'following',
      }),
    ),
  }),
  success: { status: 200, description: 'A page of follows.', schema: FollowList },
});

export const getMine = defineOperation({
  operationId: 'me.profile.get',
  method: 'GET',
  path: '/v1/me/profile',
  tag: 'me',
  summary: "Get the caller's profile",
  description:
    "The caller's profile, published or not; an account that never set one gets an empty private profile.",
  auth: { scope: 'me:read' },
  success: { status: 200, description: 'The profile.', schema: Profile },
});

export const updateMine = defineOperation({
  operationId: 'me.profile.update',
  method: 'PATCH',
  path: '/v1/me/profile',
  tag: 'me',
  summary: "Change the caller's profile",
  description:
    'Sets the fields sent. A handle taken by another profile (ignoring case) is 409. `visibility: "public"` needs a handle (400). The avatar must be one of the caller\'s files (400 otherwise).',
  auth: { scope: 'me:write' },
  body: UpdateProfileRequest,
  audited: true,
  success: { status: 200, description: 'The updated profile.', schema: Profile },
  errors: [409],
});
