/**
 * The operation table: every operation of the API, in spec order. The spec,
 * the service's routes and the SDK's methods are all generated from it.
 * A product module adds one import and one spread here.
 */
import * as admin from './kernel/admin.ts';
import * as apiKeys from './kernel/api-keys.ts';
import * as auditLog from './kernel/audit-log.ts';
import * as auth from './kernel/auth.ts';
import * as billing from './kernel/billing.ts';
import * as files from './kernel/files.ts';
import * as jobs from './kernel/jobs.ts';
import * as me from './kernel/me.ts';
import * as plans from './kernel/plans.ts';
import * as profiles from './kernel/profiles.ts';
import * as subscriptions from './kernel/subscriptions.ts';
import * as usage from './kernel/usage.ts';
import * as miyabiExecutions from './miyabi/agents-executions.ts';
import * as miyabiRepositories from './miyabi/agents-repositories.ts';
import * as miyabiWorkflows from './miyabi/agents-workflows.ts';
import * as miyabiEvents from './miyabi/events.ts';
import * as miyabiEventsLine from './miyabi/events-line.ts';
import * as miyabiIdentities from './miyabi/identities.ts';
import * as miyabiMarket from './miyabi/market.ts';
import * as nex from './nex/index.ts';
import type { OperationDefinition } from './operation.ts';
import * as speak from './speak/index.ts';
import * as stickers from './stickers/index.ts';
import * as studio from './studio/index.ts';

export const operations = {
  'auth.signup': auth.signup,
  'auth.login': auth.login,
  'auth.refresh': auth.refresh,
  'auth.logout': auth.logout,
  'auth.oauth.start': auth.oauthStart,
  'auth.oauth.callback': auth.oauthCallback,
  'me.get': me.get,
  'me.update': me.update,
  'me.identities.list': me.listIdentities,
  'me.identities.delete': me.deleteIdentity,
  'me.profile.get': profiles.getMine,
  'me.profile.update': profiles.updateMine,
  'me.follows.list': profiles.listFollows,
  'profiles.get': profiles.get,
  'profiles.follow': profiles.follow,
  'profiles.unfollow': profiles.unfollow,
  'apiKeys.create': apiKeys.create,
  'apiKeys.list': apiKeys.list,
  'apiKeys.delete': apiKeys.revoke,
  'auditLog.list': auditLog.list,
  'usage.list': usage.list,
  'usage.ledger.list': usage.ledgerList,
  'plans.list': plans.list,
  'subscriptions.list': subscriptions.list,
  'subscriptions.cancel': subscriptions.cancel,
  'billing.stripeWebhook': billing.stripeWebhook,
  'admin.subscriptions.update': admin.updateSubscription,
  'jobs.list': jobs.list,
  'jobs.get': jobs.get,
  'jobs.cancel': jobs.cancel,
  'jobs.events': jobs.events,
  'files.create': files.create,
  'files.list': files.list,
  'files.get': files.get,
  'files.delete': files.remove,
  'studio.characters.create': studio.characters.create,
  'studio.characters.list': studio.characters.list,
  'studio.characters.get': studio.characters.get,
  'studio.characters.update': studio.characters.update,
  'studio.characters.delete': studio.characters.remove,
  'studio.generations.create': studio.generations.create,
  'studio.generations.get': studio.generations.get,
  'studio.generations.list': studio.generations.list,
  'studio.differences.list': studio.differences.list,
  'studio.differences.get': studio.differences.get,
  'studio.differences.delete': studio.differences.remove,
  'studio.credits.get': studio.credits.get,
  'studio.creditTransactions.list': studio.credits.listTransactions,
  'studio.stats.get': studio.stats.get,
  'speak.profile.get': speak.profile.get,
  'speak.profile.update': speak.profile.update,
  'speak.languages.list': speak.languages.list,
  'speak.languages.get': speak.languages.get,
  'speak.languages.update': speak.languages.update,
  'speak.scripts.list': speak.scripts.list,
  'speak.scripts.get': speak.scripts.get,
  'speak.scripts.create': speak.scripts.create,
  'speak.scripts.delete': speak.scripts.remove,
  'speak.conversations.create': speak.conversations.create,
  'speak.conversations.list': speak.conversations.list,
  'speak.conversations.get': speak.conversations.get,
  'speak.conversations.end': speak.conversations.end,
  'speak.conversations.events': speak.messages.events,
  'speak.messages.create': speak.messages.create,
  'speak.messages.list': speak.messages.list,
  'speak.progress.list': speak.progress.list,
  'speak.achievements.list': speak.progress.listAchievements,
  'speak.usage.list': speak.progress.listUsage,
  'stickers.images.create': stickers.images.create,
  'stickers.images.list': stickers.images.list,
  'stickers.images.get': stickers.images.get,
  'stickers.images.delete': stickers.images.remove,
  'stickers.usage.list': stickers.usage.list,
  'nex.creators.create': nex.creators.create,
  'nex.creators.get': nex.creators.get,
  'nex.creators.update': nex.creators.update,
  'nex.categories.list': nex.categories.list,
  'nex.artworks.create': nex.artworks.create,
  'nex.artworks.list': nex.artworks.list,
  'nex.artworks.get': nex.artworks.get,
  'nex.artworks.update': nex.artworks.update,
  'nex.artworks.delete': nex.artworks.remove,
  'nex.artworks.publish': nex.artworks.publish,
  'nex.artworks.archive': nex.artworks.archive,
  'nex.artworks.like': nex.likes.put,
  'nex.artworks.unlike': nex.likes.remove,
  'nex.likes.list': nex.likes.list,
  'nex.comments.list': nex.comments.list,
  'nex.comments.create': nex.comments.create,
  'nex.comments.update': nex.comments.update,
  'nex.comments.delete': nex.comments.remove,
  'nex.comments.hide': nex.comments.hide,
  'nex.comments.unhide': nex.comments.unhide,
  'nex.creators.fan': nex.fans.put,
  'nex.creators.unfan': nex.fans.remove,
  'nex.fans.list': nex.fans.listFans,
  'nex.following.list': nex.fans.listFollowing,
  'nex.levels.list': nex.gamification.listLevels,
  'nex.expActions.list': nex.gamification.listExpActions,
  'nex.expLog.list': nex.gamification.listExpLog,
  'nex.achievements.list': nex.gamification.listAchievements,
  'nex.checkIns.create': nex.gamification.checkIn,
  'nex.collaborations.create': nex.collaborations.create,
  'nex.collaborations.list': nex.collaborations.list,
  'nex.collaborations.get': nex.collaborations.get,
  'nex.collaborations.accept': nex.collaborations.accept,
  'nex.collaborations.decline': nex.collaborations.decline,
  'nex.collaborations.cancel': nex.collaborations.cancel,
  'nex.artworks.view': nex.views.record,
  'nex.artworks.popular': nex.views.popular,
  'nex.creators.stats': nex.views.stats,

  // lane: nex-money operations go here.
  'nex.payments.get': nex.commerce.payments.get,
  'nex.payments.simulate': nex.commerce.payments.simulate,
  'nex.payments.webhook': nex.commerce.payments.webhook,
  'nex.transactions.list': nex.commerce.ledger.list,
  'nex.balance.get': nex.commerce.ledger.balance,
  'nex.withdrawals.create': nex.commerce.withdrawals.create,
  'nex.withdrawals.list': nex.commerce.withdrawals.list,
  'nex.withdrawals.get': nex.commerce.withdrawals.get,
  'nex.products.create': nex.commerce.products.create,
  'nex.products.list': nex.commerce.products.list,
  'nex.products.get': nex.commerce.products.get,
  'nex.products.update': nex.commerce.products.update,
  'nex.orders.create': nex.commerce.orders.create,
  'nex.orders.list': nex.commerce.orders.list,
  'nex.orders.get': nex.commerce.orders.get,
  'nex.orders.cancel': nex.commerce.orders.cancel,
  'nex.orders.ship': nex.commerce.orders.ship,
  'nex.orders.deliver': nex.commerce.orders.deliver,
  'nex.orders.refund': nex.commerce.orders.refund,

  // lane: nex-live operations go here.
  'nex.events.create': nex.live.events.create,
  'nex.events.list': nex.live.events.list,
  'nex.events.get': nex.live.events.get,
  'nex.events.update': nex.live.events.update,
  'nex.events.delete': nex.live.events.remove,
  'nex.events.publish': nex.live.events.publish,
  'nex.events.complete': nex.live.events.complete,
  'nex.events.cancel': nex.live.events.cancel,
  'nex.ticketTypes.create': nex.live.events.createTicketType,
  'nex.ticketTypes.list': nex.live.events.listTicketTypes,
  'nex.ticketTypes.update': nex.live.events.updateTicketType,
  'nex.referrals.create': nex.live.referrals.create,
  'nex.referrals.list': nex.live.referrals.list,
  'nex.referrals.get': nex.live.referrals.get,
  'nex.referrals.update': nex.live.referrals.update,
  'nex.referrals.qr': nex.live.referrals.qr,
  'nex.referrals.visit': nex.live.referrals.visit,
  'nex.referrals.conversions.list': nex.live.referrals.listConversions,
  'nex.streams.create': nex.live.streams.create,
  'nex.streams.list': nex.live.streams.list,
  'nex.streams.get': nex.live.streams.get,
  'nex.streams.update': nex.live.streams.update,
  'nex.streams.start': nex.live.streams.start,
  'nex.streams.end': nex.live.streams.end,
  'nex.streams.cancel': nex.live.streams.cancel,
  'nex.streams.donations.create': nex.live.streams.donate,
  'nex.streams.donations.list': nex.live.streams.donations,
  'nex.streams.key.rotate': nex.live.streams.rotateKey,
  'nex.streams.ingestEvents.create': nex.live.streams.ingest,
  'nex.streams.events': nex.live.streams.events,
  'nex.ticketOrders.create': nex.live.tickets.createOrder,
  'nex.ticketOrders.get': nex.live.tickets.getOrder,
  'nex.tickets.list': nex.live.tickets.listTickets,
  'nex.tickets.qr': nex.live.tickets.ticketQr,
  'nex.tickets.checkIn': nex.live.tickets.checkIn,

  // lane: nex-community operations go here.
  'nex.groups.create': nex.groups.create,
  'nex.groups.list': nex.groups.list,
  'nex.groups.get': nex.groups.get,
  'nex.groups.update': nex.groups.update,
  'nex.groups.delete': nex.groups.remove,
  'nex.groups.join': nex.groups.join,
  'nex.groups.leave': nex.groups.leave,
  'nex.groups.transfer': nex.groups.transfer,
  'nex.groups.members.list': nex.groups.listMembers,
  'nex.groups.members.update': nex.groups.updateMember,
  'nex.groups.members.delete': nex.groups.removeMember,
  'nex.groups.invitations.create': nex.groups.invite,
  'nex.groupInvitations.list': nex.groups.listInvitations,
  'nex.groupInvitations.delete': nex.groups.removeInvitation,
  'nex.groups.joinRequests.create': nex.groups.requestToJoin,
  'nex.groups.joinRequests.list': nex.groups.listJoinRequests,
  'nex.groupJoinRequests.list': nex.groups.listOwnJoinRequests,
  'nex.groupJoinRequests.approve': nex.groups.approveJoinRequest,
  'nex.groupJoinRequests.decline': nex.groups.declineJoinRequest,
  'nex.groupJoinRequests.cancel': nex.groups.cancelJoinRequest,

  // lane: miyabi-market operations go here.
  'miyabi.plugins.list': miyabiMarket.plugins.list,
  'miyabi.plugins.get': miyabiMarket.plugins.get,
  'miyabi.plugins.create': miyabiMarket.plugins.create,
  'miyabi.plugins.update': miyabiMarket.plugins.update,
  'miyabi.plugins.curate': miyabiMarket.plugins.curate,
  'miyabi.reviews.put': miyabiMarket.reviews.put,
  'miyabi.reviews.delete': miyabiMarket.reviews.remove,
  'miyabi.reviews.list': miyabiMarket.reviews.list,
  'miyabi.subscriptions.create': miyabiMarket.licenses.subscribe,
  'miyabi.licenses.create': miyabiMarket.licenses.issue,
  'miyabi.licenses.list': miyabiMarket.licenses.list,
  'miyabi.licenses.revoke': miyabiMarket.licenses.revoke,
  'miyabi.licenses.jwks': miyabiMarket.licenses.jwks,
  'miyabi.licenseRevocations.list': miyabiMarket.licenses.revocations,
  'miyabi.licenseKeys.rotate': miyabiMarket.licenses.rotate,
  'miyabi.usageEvents.create': miyabiMarket.usage.ingest,
  'miyabi.usage.list': miyabiMarket.usage.usage,
  'miyabi.usageEvents.list': miyabiMarket.usage.events,

  // lane: miyabi-agents operations go here.
  'miyabi.repositories.create': miyabiRepositories.create,
  'miyabi.repositories.list': miyabiRepositories.list,
  'miyabi.repositories.get': miyabiRepositories.get,
  'miyabi.repositories.update': miyabiRepositories.update,
  'miyabi.repositories.delete': miyabiRepositories.remove,
  'miyabi.repositories.events.list': miyabiRepositories.listEvents,
  'miyabi.webhooks.github': miyabiRepositories.githubWebhook,
  'miyabi.agentExecutions.create': miyabiExecutions.create,
  'miyabi.agentExecutions.list': miyabiExecutions.list,
  'miyabi.agentExecutions.get': miyabiExecutions.get,
  'miyabi.agentExecutions.events': miyabiExecutions.events,
  'miyabi.workflows.create': miyabiWorkflows.create,
  'miyabi.workflows.list': miyabiWorkflows.list,
  'miyabi.workflows.get': miyabiWorkflows.get,
  'miyabi.workflows.update': miyabiWorkflows.update,
  'miyabi.workflows.delete': miyabiWorkflows.remove,
  'miyabi.workflows.runs.create': miyabiWorkflows.createRun,
  'miyabi.workflowRuns.get': miyabiWorkflows.getRun,
  'miyabi.workflowRuns.events': miyabiWorkflows.runEvents,

  // lane: miyabi-events operations go here.
  'miyabi.events.list': miyabiEvents.list,
  'miyabi.events.stream': miyabiEvents.stream,
  'miyabi.line.webhook': miyabiEventsLine.webhook,
  'miyabi.line.linkCodes.create': miyabiEventsLine.createLinkCode,

  // lane: miyabi connected accounts.
  'miyabi.identities.list': miyabiIdentities.list,
  'miyabi.identities.authorizations.create': miyabiIdentities.startAuthorization,
  'miyabi.identities.callback': miyabiIdentities.completeAuthorization,
  'miyabi.identities.delete': miyabiIdentities.remove,
} as const satisfies Record<string, OperationDefinition>;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

/** Tags in the order Swagger UI shows them, one per URL resource. */
export const tags = [
  { name: 'auth', description: 'Sign up, sign in, rotate and revoke tokens.' },
  { name: 'me', description: 'The calling account.' },
  {
    name: 'profiles',
    description: 'Public profiles anyone may read, and follows between them.',
  },
  { name: 'api-keys', description: 'Long-lived `yz_` keys with scopes, shown once, revocable.' },
  { name: 'audit-log', description: 'An append-only record of every successful mutating request.' },
  {
    name: 'usage',
    description:
      'Quota use per product and metric in the current period, and the ledger of spends and refunds.',
  },
  { name: 'plans', description: 'The public plan catalogue: prices, trials and limits of every product.' },
  {
    name: 'subscriptions',
    description: "The caller's subscriptions, per product or per plugin, and canceling them at period end.",
  },
  { name: 'billing', description: 'Plan changes from Stripe.' },
  { name: 'admin', description: 'Operations on any account, for accounts with the admin role.' },
  {
    name: 'jobs',
    description: 'Asynchronous work: status, progress, cancelation and a Server-Sent Events stream.',
  },
  { name: 'files', description: 'Uploaded and generated images, sniffed and served with an ETag.' },
  {
    name: 'studio',
    description:
      'Character Studio: characters with consistent features, expressions generated by a job for one credit a batch.',
  },
  {
    name: 'speak',
    description:
      'WorldSpeakAI: spoken conversations with a voiced AI partner, scripts, microphone-minute quotas, progress and achievements.',
  },
  {
    name: 'stickers',
    description:
      'Bikkuriman-style collectible stickers: rendered by a job, served from a prompt cache, metered per day.',
  },
  {
    name: 'nex',
    description:
      'Eldonia-Nex, the creator community: creators, artworks with Japanese and English search, likes, comments, fans and EXP. Published rows are readable without credentials.',
  },
  {
    name: 'miyabi',
    description:
      'Miyabi, the plugin marketplace and agent platform: a public plugin catalogue with reviews, one subscription per plugin with an offline-verifiable licence (EdDSA JWT, JWKS), and metered plugin usage per month; connected GitHub repositories, agent runs and workflows; the LINE bot, realtime messages and the event store.',
  },
] as const;
