import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named } from '../schema.ts';
import { Account, AccountName } from './accounts.ts';

const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'The email the account signs in with.',
});
/** Length is checked here; strength (not a common password, not the email) by the service. */
const NewPassword = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters.' });

export const TokenPair = named(
  'TokenPair',
  Type.Object({
    accessToken: Type.String({
      description: 'JWT for `Authorization: Bearer`, valid for `expiresIn` seconds.',
    }),
    tokenType: Type.Literal('Bearer', {
      description: 'Always `Bearer`: send the access token as `Authorization: Bearer <accessToken>`.',
    }),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires.' }),
    refreshToken: Type.String({
      description: 'Opaque, single use, valid for 30 days; rotate it with auth.refresh.',
    }),
  }),
  {
    description: 'Credentials issued by signup, login and refresh.',
    example: {
      accessToken: 'eyJhbGciOiJIUzI1NiJ9…',
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: 'yzr_2b1f…',
    },
  },
);

export const Session = named('Session', Type.Object({ account: Account, tokens: TokenPair }), {
  description: 'A new account or login with its credentials.',
  example: {
    account: {
      id: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
      email: 'ada@example.com',
      name: 'Ada',
      role: 'member',
      createdAt: '2026-11-23T09:00:00.000Z',
    },
    tokens: {
      accessToken: 'eyJhbGciOiJIUzI1NiJ9…',
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: 'yzr_2b1f…',
    },
  },
});

export const SignupRequest = named(
  'SignupRequest',
  Type.Object(
    { email: Email, password: NewPassword, name: Type.Optional(AccountName) },
    { additionalProperties: false },
  ),
  {
    description: 'A new account.',
    example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' },
  },
);

export const LoginRequest = named(
  'LoginRequest',
  Type.Object(
    {
      email: Email,
      password: Type.String({ minLength: 1, maxLength: 200, description: "The account's password." }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'Email and password.',
    example: { email: 'ada@example.com', password: 'correct horse battery' },
  },
);

export const RefreshRequest = named(
  'RefreshRequest',
  Type.Object(
    {
      refreshToken: Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The refresh token (`yzr_…`).',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A refresh token from signup, login or a previous refresh.',
    example: { refreshToken: 'yzr_2b1f…' },
  },
);

export const signup = defineOperation({
  operationId: 'auth.signup',
  method: 'POST',
  path: '/v1/auth/signup',
  tag: 'auth',
  summary: 'Create an account and sign in',
  description:
    "Creates the account on every product's free plan and answers with its first tokens. An email already in use is a 409. " +
    'Repeated attempts are rate-limited.',
  auth: 'public',
  body: SignupRequest,
  audited: true,
  success: { status: 201, description: 'The new account with its first tokens.', schema: Session },
  errors: [409],
});

export const login = defineOperation({
  operationId: 'auth.login',
  method: 'POST',
  path: '/v1/auth/login',
  tag: 'auth',
  summary: 'Sign in with email and password',
  description: 'A wrong password and an unknown email give the same 401. Repeated failures are rate-limited.',
  auth: 'public',
  body: LoginRequest,
  audited: true,
  success: { status: 200, description: 'The account with new tokens.', schema: Session },
  errors: [401],
});

export const refresh = defineOperation({
  operationId: 'auth.refresh',
  method: 'POST',
  path: '/v1/auth/refresh',
  tag: 'auth',
  summary: 'Rotate a refresh token',
  description:
    'Returns new tokens and retires the one sent. Sending a retired token again revokes every token of its family.',
  auth: 'public',
  body: RefreshRequest,
  audited: true,
  success: { status: 200, description: 'New tokens.', schema: TokenPair },
  errors: [401],
});

export const logout = defineOperation({
  operationId: 'auth.logout',
  method: 'POST',
  path: '/v1/auth/logout',
  tag: 'auth',
  summary: 'Revoke a refresh token and its family',
  description:
    'Signs out: the refresh token and every token rotated from the same login stop working. Access tokens already issued stay valid until they expire (15 minutes).',
  auth: 'public',
  body: RefreshRequest,
  audited: true,
  success: { status: 204, description: 'Revoked.' },
  errors: [401],
});
