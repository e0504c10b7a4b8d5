import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { follow, getOwnProfile, getProfile, listOwnFollows, unfollow, updateOwnProfile } from './service.ts';

export function profileRoutes(app: FastifyInstance) {
  app.operation(operations['profiles.get'], ({ db, params }) => getProfile(db, params.handle));
  app.operation(operations['profiles.follow'], ({ db, principal, params }) =>
    follow(db, principal.accountId, params.handle),
  );
  app.operation(operations['profiles.unfollow'], ({ db, principal, params }) =>
    unfollow(db, principal.accountId, params.handle),
  );
  app.operation(operations['me.profile.get'], ({ db, principal }) => getOwnProfile(db, principal.accountId));
  app.operation(operations['me.profile.update'], ({ db, principal, body, auditChanges }) =>
    updateOwnProfile(db, app.files, principal.accountId, body, auditChanges),
  );
  app.operation(operations['me.follows.list'], ({ db, principal, query }) =>
    listOwnFollows(db, principal.accountId, query),
  );
}
