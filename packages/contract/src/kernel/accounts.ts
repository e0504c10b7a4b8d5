import Type from 'typebox';
import { Id, named, StringEnum, Timestamp } from '../schema.ts';

export const Account = named(
  'Account',
  Type.Object({
    id: Id("The account's id."),
    email: Type.String({ format: 'email', description: 'The email the account signs in with.' }),
    name: Type.Union([Type.String(), Type.Null()], { description: 'Display name; null when never set.' }),
    role: StringEnum(['member', 'admin'], {
      description: '`admin` may also use the admin operations on any account.',
    }),
    createdAt: Timestamp,
  }),
  {
    description: 'The account behind the credentials of a request.',
    example: {
      id: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
      email: 'ada@example.com',
      name: 'Ada',
      role: 'member',
      createdAt: '2026-11-23T09:00:00.000Z',
    },
  },
);

export const AccountName = Type.String({ minLength: 1, maxLength: 100, description: 'Display name.' });
