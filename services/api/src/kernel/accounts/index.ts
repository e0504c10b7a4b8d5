/** The accounts kernel: the account rows, sign-in identities and avatar every module that shows or changes an account reads. */
export { hasAvatar, setAvatarIfEmpty } from './avatars.ts';
export {
  deleteIdentity,
  findIdentityAccount,
  identityExists,
  insertIdentity,
  type LinkedIdentity,
  listIdentities,
  lockSignInMethods,
  touchIdentity,
} from './identities.ts';
export { accountColumns, getAccount, renameAccount } from './queries.ts';
