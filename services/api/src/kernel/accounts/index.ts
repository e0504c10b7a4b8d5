/** The accounts kernel: the account rows every module that shows or changes an account reads. */
export { accountColumns, getAccount, renameAccount } from './queries.ts';
