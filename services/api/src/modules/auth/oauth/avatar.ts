/**
 * The provider's picture of the user becomes the public profile's avatar when the profile has
 * none (docs/security.md, Sign-in with GitHub or Google). The avatar is a file id, so the image
 * is downloaded (trusted hosts only, 1 MiB, 5 seconds, no redirects) and stored through the file
 * store like an upload, checked the same way. Never fatal: a sign-in without its avatar is
 * still a sign-in.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseTransactionConnection } from 'slonik';
import { hasAvatar, setAvatarIfEmpty } from '../../../kernel/accounts/index.ts';
import { type FileStore, isImageType, sniffFileType } from '../../../kernel/files/index.ts';
import { readBounded } from '../../../kernel/oauth/index.ts';
import type { OAuthProvider } from './provider.ts';

const MAX_AVATAR_BYTES = 1024 * 1024;
const AVATAR_TIMEOUT_MS = 5000;

/** The image at the provider's avatar URL, or null (untrusted URL, not an image, too big, unreachable). */
export async function fetchAvatar(
  provider: OAuthProvider,
  avatarUrl: string | null,
  log: FastifyBaseLogger,
): Promise<Buffer | null> {
  const url = avatarUrl ? URL.parse(avatarUrl) : null;
  if (!url || !provider.trustsAvatarUrl(url)) return null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(AVATAR_TIMEOUT_MS), redirect: 'error' });
    const bytes = await readBounded(response, MAX_AVATAR_BYTES);
    const type = sniffFileType(bytes);
    return response.ok && type && isImageType(type) ? bytes : null;
  } catch (error) {
    log.warn({ err: error, provider: provider.name }, 'could not fetch the avatar');
    return null;
  }
}

export interface AvatarStore {
  files: FileStore;
  /** IMAGE_MAX_PIXELS, as for an upload. */
  maxPixels: number;
}

/** Stores the avatar and sets it on a profile that has none, inside a savepoint so a refused image changes nothing. */
export async function fillAvatarIfEmpty(
  db: DatabaseTransactionConnection,
  store: AvatarStore,
  accountId: string,
  bytes: Buffer,
  log: FastifyBaseLogger,
): Promise<void> {
  if (await hasAvatar(db, accountId)) return;
  await db
    .transaction(async (savepoint) => {
      const file = await store.files.put(savepoint, {
        accountId,
        bytes,
        filename: 'avatar',
        maxPixels: store.maxPixels,
      });
      await setAvatarIfEmpty(savepoint, accountId, file.id);
    })
    .catch((error: unknown) => log.warn({ err: error, accountId }, 'could not store the avatar'));
}
