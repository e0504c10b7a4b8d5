import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { archive, changeArtwork, createArtwork, getArtwork, publish, removeArtwork } from './artworks.ts';
import { listCategories } from './category-queries.ts';
import {
  answerCollaboration,
  getCollaboration,
  listOwnCollaborations,
  requestCollaboration,
} from './collaborations.ts';
import { comment, edit, hide, listArtworkComments, remove, unhide } from './comments.ts';
import { changeCreator, getCreator, joinNex } from './creators.ts';
import { becomeFan, listRelations, stopBeingFan } from './fans.ts';
import { checkInToday, listOwnExpLog } from './gamification.ts';
import { listAchievements, listExpActions, listLevels } from './gamification-queries.ts';
import {
  answerJoinRequest,
  askToJoin,
  changeGroup,
  changeMemberRole,
  createGroup,
  getGroup,
  inviteToGroup,
  joinGroup,
  leaveGroup,
  listGroupMembers,
  listJoinRequestsOf,
  listOwnInvitations,
  listOwnJoinRequestsOf,
  listVisibleGroups,
  removeGroup,
  removeGroupMember,
  removeInvitation,
  transferOwnership,
} from './groups.ts';
import { like, listOwnLikes, unlike } from './likes.ts';
import { listArtworks, listPopular } from './search.ts';
import { creatorStats, recordView } from './views.ts';

export function nexRoutes(app: FastifyInstance) {
  app.operation(operations['nex.creators.create'], ({ db, principal, body }) =>
    joinNex(db, principal.accountId, body, new Date()),
  );
  app.operation(operations['nex.creators.get'], ({ db, params }) => getCreator(db, params.username));
  app.operation(operations['nex.creators.update'], ({ db, principal, params, body }) =>
    changeCreator(db, principal.accountId, params.username, body),
  );
  app.operation(operations['nex.categories.list'], async ({ db }) => ({
    data: [...(await listCategories(db))],
  }));
  app.operation(operations['nex.artworks.create'], ({ db, principal, body }) =>
    createArtwork(db, app.files, principal.accountId, body),
  );
  app.operation(operations['nex.artworks.list'], ({ db, query }) => listArtworks(db, query));
  app.operation(operations['nex.artworks.get'], ({ db, params }) => getArtwork(db, params.id));
  app.operation(operations['nex.artworks.update'], ({ db, principal, params, body }) =>
    changeArtwork(db, app.files, principal.accountId, params.id, body),
  );
  app.operation(operations['nex.artworks.delete'], ({ db, principal, params }) =>
    removeArtwork(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.artworks.publish'], ({ db, principal, params }) =>
    publish(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.artworks.archive'], ({ db, principal, params }) =>
    archive(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.artworks.like'], ({ db, principal, params }) =>
    like(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.artworks.unlike'], ({ db, principal, params }) =>
    unlike(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.likes.list'], ({ db, principal, query }) =>
    listOwnLikes(db, principal.accountId, query),
  );
  app.operation(operations['nex.comments.list'], ({ db, params, query }) =>
    listArtworkComments(db, params.id, query),
  );
  app.operation(operations['nex.comments.create'], ({ db, principal, params, body }) =>
    comment(db, principal.accountId, params.id, body),
  );
  app.operation(operations['nex.comments.update'], ({ db, principal, params, body }) =>
    edit(db, principal.accountId, params.id, body),
  );
  app.operation(operations['nex.comments.delete'], ({ db, principal, params }) =>
    remove(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.comments.hide'], ({ db, principal, params }) =>
    hide(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.comments.unhide'], ({ db, principal, params }) =>
    unhide(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.creators.fan'], ({ db, principal, params }) =>
    becomeFan(db, principal.accountId, params.username),
  );
  app.operation(operations['nex.creators.unfan'], ({ db, principal, params }) =>
    stopBeingFan(db, principal.accountId, params.username),
  );
  app.operation(operations['nex.fans.list'], ({ db, params, query }) =>
    listRelations(db, 'fans', params.username, query),
  );
  app.operation(operations['nex.following.list'], ({ db, params, query }) =>
    listRelations(db, 'following', params.username, query),
  );
  app.operation(operations['nex.levels.list'], async ({ db }) => ({ data: [...(await listLevels(db))] }));
  app.operation(operations['nex.expActions.list'], async ({ db }) => ({
    data: [...(await listExpActions(db))],
  }));
  app.operation(operations['nex.expLog.list'], ({ db, principal, query }) =>
    listOwnExpLog(db, principal.accountId, query),
  );
  app.operation(operations['nex.achievements.list'], async ({ db }) => ({
    data: [...(await listAchievements(db))],
  }));
  app.operation(operations['nex.checkIns.create'], ({ db, principal }) =>
    checkInToday(db, principal.accountId),
  );
  app.operation(operations['nex.collaborations.create'], ({ db, principal, body }) =>
    requestCollaboration(db, principal.accountId, body),
  );
  app.operation(operations['nex.collaborations.list'], ({ db, principal, query }) =>
    listOwnCollaborations(db, principal.accountId, query),
  );
  app.operation(operations['nex.collaborations.get'], ({ db, params }) => getCollaboration(db, params.id));
  for (const action of ['accept', 'decline', 'cancel'] as const) {
    app.operation(operations[`nex.collaborations.${action}`], ({ db, principal, params, body }) =>
      answerCollaboration(db, principal.accountId, params.id, action, body?.responseMessage),
    );
  }
  app.operation(operations['nex.artworks.view'], ({ db, params }) => recordView(db, params.id));
  app.operation(operations['nex.artworks.popular'], ({ db, query }) => listPopular(db, query));
  app.operation(operations['nex.creators.stats'], ({ db, params }) => creatorStats(db, params.username));
  groupRoutes(app);
}

function groupRoutes(app: FastifyInstance) {
  app.operation(operations['nex.groups.create'], ({ db, principal, body }) =>
    createGroup(db, principal.accountId, body),
  );
  app.operation(operations['nex.groups.list'], ({ db, principal, query }) =>
    listVisibleGroups(db, principal?.accountId ?? null, query),
  );
  app.operation(operations['nex.groups.get'], ({ db, params }) => getGroup(db, params.id));
  app.operation(operations['nex.groups.update'], ({ db, params, body }) => changeGroup(db, params.id, body));
  app.operation(operations['nex.groups.delete'], ({ db, params }) => removeGroup(db, params.id));
  app.operation(operations['nex.groups.join'], ({ db, principal, params }) =>
    joinGroup(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.groups.leave'], ({ db, principal, params }) =>
    leaveGroup(db, principal.accountId, params.id),
  );
  app.operation(operations['nex.groups.transfer'], ({ db, params, body }) =>
    transferOwnership(db, params.id, body.username),
  );
  app.operation(operations['nex.groups.members.list'], ({ db, params, query }) =>
    listGroupMembers(db, params.id, query),
  );
  app.operation(operations['nex.groups.members.update'], ({ db, params, body }) =>
    changeMemberRole(db, params.id, params.username, body.role),
  );
  app.operation(operations['nex.groups.members.delete'], ({ db, params }) =>
    removeGroupMember(db, params.id, params.username),
  );
  app.operation(operations['nex.groups.invitations.create'], ({ db, principal, params, body }) =>
    inviteToGroup(db, principal.accountId, params.id, body.username),
  );
  app.operation(operations['nex.groupInvitations.list'], ({ db, principal, query }) =>
    listOwnInvitations(db, principal.accountId, query),
  );
  app.operation(operations['nex.groupInvitations.delete'], ({ db, params }) =>
    removeInvitation(db, params.id),
  );
  app.operation(operations['nex.groups.joinRequests.create'], ({ db, principal, params, body }) =>
    askToJoin(db, principal.accountId, params.id, body.message),
  );
  app.operation(operations['nex.groups.joinRequests.list'], ({ db, params, query }) =>
    listJoinRequestsOf(db, params.id, query),
  );
  app.operation(operations['nex.groupJoinRequests.list'], ({ db, principal, query }) =>
    listOwnJoinRequestsOf(db, principal.accountId, query),
  );
  for (const action of ['approve', 'decline', 'cancel'] as const) {
    app.operation(operations[`nex.groupJoinRequests.${action}`], ({ db, principal, params }) =>
      answerJoinRequest(db, principal.accountId, params.id, action),
    );
  }
}
