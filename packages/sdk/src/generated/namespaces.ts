// Generated from spec/openapi.json by scripts/generate.ts: do not edit.
// Regenerate with `npm run spec` (packages/sdk); CI runs `npm run spec:check`.

/**
 * One type namespace per resource, named like it: each method's params (`ApiKeys.CreateParams`)
 * and the schemas its results are made of (`ApiKeys.ApiKey`).
 *
 * ```ts
 * import type { ApiKeys } from '@yorozu/sdk';
 * const params: ApiKeys.CreateParams = { name: 'CI', scopes: ['me:read'] };
 * ```
 */
import type { Input } from '../resource';
import type { components, operations } from './schema';

export declare namespace Auth {
  export namespace Oauth {
    /**
     * Params of `client.auth.oauth.startUrl()`: Start signing in with GitHub or Google.
     *
     * `GET /v1/auth/oauth/{provider}/start`
     */
    export type StartParams = Input<operations['auth.oauth.start']>;
  }
  /**
   * Params of `client.auth.signup()`: Create an account and sign in.
   *
   * `POST /v1/auth/signup`
   */
  export type SignupParams = Input<operations['auth.signup']>;
  /**
   * Params of `client.auth.login()`: Sign in with email and password.
   *
   * `POST /v1/auth/login`
   */
  export type LoginParams = Input<operations['auth.login']>;
  /**
   * Params of `client.auth.refresh()`: Rotate a refresh token.
   *
   * `POST /v1/auth/refresh`
   */
  export type RefreshParams = Input<operations['auth.refresh']>;
  /**
   * Params of `client.auth.logout()`: Revoke a refresh token and its family.
   *
   * `POST /v1/auth/logout`
   */
  export type LogoutParams = Input<operations['auth.logout']>;
  /**
   * A new account or login with its credentials.
   */
  export type Session = components['schemas']['Session'];
  /**
   * Credentials issued by signup, login and refresh.
   */
  export type TokenPair = components['schemas']['TokenPair'];
}

export declare namespace Me {
  export namespace Identities {
    /**
     * Params of `client.me.identities.list()`: List linked sign-in identities, newest first.
     *
     * `GET /v1/me/identities`
     */
    export type ListParams = Input<operations['me.identities.list']>;
    /**
     * Params of `client.me.identities.delete()`: Unlink a sign-in identity.
     *
     * `DELETE /v1/me/identities/{id}`
     */
    export type DeleteParams = Input<operations['me.identities.delete']>;
    /**
     * A page of Identity objects.
     */
    export type IdentityList = components['schemas']['IdentityList'];
    /**
     * A GitHub or Google account linked to this account: it signs in to it.
     */
    export type Identity = components['schemas']['Identity'];
  }
  export namespace Profile {
    /**
     * Params of `client.me.profile.get()`: Get the caller's profile.
     *
     * `GET /v1/me/profile`
     */
    export type GetParams = Input<operations['me.profile.get']>;
    /**
     * Params of `client.me.profile.update()`: Change the caller's profile.
     *
     * `PATCH /v1/me/profile`
     */
    export type UpdateParams = Input<operations['me.profile.update']>;
    /**
     * The caller's own profile, published or not.
     */
    export type Profile = components['schemas']['Profile'];
  }
  export namespace Follows {
    /**
     * Params of `client.me.follows.list()`: List follows from or to the caller, newest first.
     *
     * `GET /v1/me/follows`
     */
    export type ListParams = Input<operations['me.follows.list']>;
    /**
     * A page of Follow objects.
     */
    export type FollowList = components['schemas']['FollowList'];
    /**
     * One account following another's profile: readable by both of them, by nobody else.
     */
    export type Follow = components['schemas']['Follow'];
  }
  /**
   * Params of `client.me.get()`: Get the calling account.
   *
   * `GET /v1/me`
   */
  export type GetParams = Input<operations['me.get']>;
  /**
   * Params of `client.me.update()`: Rename the calling account.
   *
   * `PATCH /v1/me`
   */
  export type UpdateParams = Input<operations['me.update']>;
  /**
   * The account behind the credentials of a request.
   */
  export type Account = components['schemas']['Account'];
}

export declare namespace Profiles {
  /**
   * Params of `client.profiles.get()`: Get a public profile.
   *
   * `GET /v1/profiles/{handle}`
   */
  export type GetParams = Input<operations['profiles.get']>;
  /**
   * Params of `client.profiles.follow()`: Follow a public profile.
   *
   * `POST /v1/profiles/{handle}/follow`
   */
  export type FollowParams = Input<operations['profiles.follow']>;
  /**
   * Params of `client.profiles.unfollow()`: Stop following a profile.
   *
   * `DELETE /v1/profiles/{handle}/follow`
   */
  export type UnfollowParams = Input<operations['profiles.unfollow']>;
  /**
   * A published profile, as anyone sees it.
   */
  export type PublicProfile = components['schemas']['PublicProfile'];
  /**
   * One account following another's profile: readable by both of them, by nobody else.
   */
  export type Follow = components['schemas']['Follow'];
}

export declare namespace ApiKeys {
  /**
   * Params of `client.apiKeys.list()`: List API keys, newest first.
   *
   * `GET /v1/api-keys`
   */
  export type ListParams = Input<operations['apiKeys.list']>;
  /**
   * Params of `client.apiKeys.create()`: Create an API key.
   *
   * `POST /v1/api-keys`
   */
  export type CreateParams = Input<operations['apiKeys.create']>;
  /**
   * Params of `client.apiKeys.delete()`: Revoke an API key.
   *
   * `DELETE /v1/api-keys/{id}`
   */
  export type DeleteParams = Input<operations['apiKeys.delete']>;
  /**
   * A page of ApiKey objects.
   */
  export type ApiKeyList = components['schemas']['ApiKeyList'];
  /**
   * An API key, without its secret.
   */
  export type ApiKey = components['schemas']['ApiKey'];
  /**
   * A new API key with its secret, shown only in this response.
   */
  export type CreatedApiKey = components['schemas']['CreatedApiKey'];
}

export declare namespace AuditLog {
  /**
   * Params of `client.auditLog.list()`: List the account's audit log, newest first.
   *
   * `GET /v1/audit-log`
   */
  export type ListParams = Input<operations['auditLog.list']>;
  /**
   * A page of AuditEntry objects.
   */
  export type AuditEntryList = components['schemas']['AuditEntryList'];
  /**
   * One successful mutating request. Append-only.
   */
  export type AuditEntry = components['schemas']['AuditEntry'];
}

export declare namespace Usage {
  export namespace Ledger {
    /**
     * Params of `client.usage.ledger.list()`: List spends and refunds of quota, newest first.
     *
     * `GET /v1/usage/ledger`
     */
    export type ListParams = Input<operations['usage.ledger.list']>;
    /**
     * A page of UsageLedgerEntry objects.
     */
    export type UsageLedgerList = components['schemas']['UsageLedgerList'];
    /**
     * One spend or refund of quota. Append-only.
     */
    export type UsageLedgerEntry = components['schemas']['UsageLedgerEntry'];
  }
  /**
   * Params of `client.usage.list()`: Show the current period of every metered metric.
   *
   * `GET /v1/usage`
   */
  export type ListParams = Input<operations['usage.list']>;
  /**
   * The current period of every metered metric.
   */
  export type UsageSummary = components['schemas']['UsageSummary'];
  /**
   * One metered metric of one product: the caller's plan limit and use in the current period.
   */
  export type UsageMetric = components['schemas']['UsageMetric'];
}

export declare namespace Plans {
  /**
   * Params of `client.plans.list()`: List every plan with its price and limits.
   *
   * `GET /v1/plans`
   */
  export type ListParams = Input<operations['plans.list']>;
  /**
   * The plan catalogue.
   */
  export type PlanCatalogue = components['schemas']['PlanCatalogue'];
  /**
   * One plan of a product, with its price and limits.
   */
  export type Plan = components['schemas']['Plan'];
}

export declare namespace Subscriptions {
  /**
   * Params of `client.subscriptions.list()`: List the account's subscriptions, newest first.
   *
   * `GET /v1/subscriptions`
   */
  export type ListParams = Input<operations['subscriptions.list']>;
  /**
   * Params of `client.subscriptions.cancel()`: Cancel a subscription at the end of its period.
   *
   * `POST /v1/subscriptions/{id}/cancel`
   */
  export type CancelParams = Input<operations['subscriptions.cancel']>;
  /**
   * A page of Subscription objects.
   */
  export type SubscriptionList = components['schemas']['SubscriptionList'];
  /**
   * An account's plan for one product, or for one plugin of it. Quota limits follow the plan at once.
   */
  export type Subscription = components['schemas']['Subscription'];
}

export declare namespace Admin {
  export namespace Subscriptions {
    /**
     * Params of `client.admin.subscriptions.update()`: Set an account's plan for a product.
     *
     * `PUT /v1/admin/accounts/{accountId}/subscriptions/{product}`
     */
    export type UpdateParams = Input<operations['admin.subscriptions.update']>;
    /**
     * An account's plan for one product, or for one plugin of it. Quota limits follow the plan at once.
     */
    export type Subscription = components['schemas']['Subscription'];
  }
}

export declare namespace Jobs {
  /**
   * Params of `client.jobs.list()`: List jobs, newest first.
   *
   * `GET /v1/jobs`
   */
  export type ListParams = Input<operations['jobs.list']>;
  /**
   * Params of `client.jobs.get()`: Get a job.
   *
   * `GET /v1/jobs/{id}`
   */
  export type GetParams = Input<operations['jobs.get']>;
  /**
   * Params of `client.jobs.cancel()`: Cancel a job.
   *
   * `POST /v1/jobs/{id}/cancel`
   */
  export type CancelParams = Input<operations['jobs.cancel']>;
  /**
   * Params of `client.jobs.events()`: Stream a job's changes (Server-Sent Events).
   *
   * `GET /v1/jobs/{id}/events`
   */
  export type EventsParams = Input<operations['jobs.events']>;
  /**
   * A page of Job objects.
   */
  export type JobList = components['schemas']['JobList'];
  /**
   * Asynchronous work and where it stands. `type` says which job it is, and so the shape of its `result` once it succeeded.
   */
  export type Job = components['schemas']['Job'];
}

export declare namespace Files {
  /**
   * Params of `client.files.list()`: List files, newest first.
   *
   * `GET /v1/files`
   */
  export type ListParams = Input<operations['files.list']>;
  /**
   * Params of `client.files.create()`: Upload a file.
   *
   * `POST /v1/files`
   */
  export type CreateParams = Input<operations['files.create']>;
  /**
   * Params of `client.files.get()`: Download a file's bytes.
   *
   * `GET /v1/files/{id}`
   */
  export type GetParams = Input<operations['files.get']>;
  /**
   * Params of `client.files.delete()`: Delete a file.
   *
   * `DELETE /v1/files/{id}`
   */
  export type DeleteParams = Input<operations['files.delete']>;
  /**
   * A page of File objects.
   */
  export type FileList = components['schemas']['FileList'];
  /**
   * A stored file, without its bytes (`GET /v1/files/{id}` has them), and what was read from them: an image's size, audio's duration and format, video's duration, size and codec. Fields that do not apply to the file's type are null.
   */
  export type File = components['schemas']['File'];
}

export declare namespace Studio {
  export namespace Characters {
    /**
     * Params of `client.studio.characters.list()`: List characters, newest first.
     *
     * `GET /v1/studio/characters`
     */
    export type ListParams = Input<operations['studio.characters.list']>;
    /**
     * Params of `client.studio.characters.create()`: Create a character.
     *
     * `POST /v1/studio/characters`
     */
    export type CreateParams = Input<operations['studio.characters.create']>;
    /**
     * Params of `client.studio.characters.get()`: Get a character.
     *
     * `GET /v1/studio/characters/{id}`
     */
    export type GetParams = Input<operations['studio.characters.get']>;
    /**
     * Params of `client.studio.characters.delete()`: Delete a character.
     *
     * `DELETE /v1/studio/characters/{id}`
     */
    export type DeleteParams = Input<operations['studio.characters.delete']>;
    /**
     * Params of `client.studio.characters.update()`: Rename a character.
     *
     * `PATCH /v1/studio/characters/{id}`
     */
    export type UpdateParams = Input<operations['studio.characters.update']>;
    /**
     * A page of Character objects.
     */
    export type CharacterList = components['schemas']['CharacterList'];
    /**
     * A character: a base image, an art style and the features every expression keeps.
     */
    export type Character = components['schemas']['Character'];
  }
  export namespace Generations {
    /**
     * Params of `client.studio.generations.list()`: List a character's generation batches, newest first.
     *
     * `GET /v1/studio/characters/{id}/generations`
     */
    export type ListParams = Input<operations['studio.generations.list']>;
    /**
     * Params of `client.studio.generations.create()`: Generate expressions of a character.
     *
     * `POST /v1/studio/characters/{id}/generations`
     */
    export type CreateParams = Input<operations['studio.generations.create']>;
    /**
     * Params of `client.studio.generations.get()`: Get a generation batch.
     *
     * `GET /v1/studio/generations/{id}`
     */
    export type GetParams = Input<operations['studio.generations.get']>;
    /**
     * A page of Generation objects.
     */
    export type GenerationList = components['schemas']['GenerationList'];
    /**
     * A generation batch: the expressions one request asked for, drawn by one job for one credit.
     */
    export type Generation = components['schemas']['Generation'];
    /**
     * A generation batch was queued and one credit spent. Follow `job` (`/v1/jobs/{id}`, or its `/events` stream); when it succeeds, the images are the character's differences with this `batchId`.
     */
    export type GenerationAccepted = components['schemas']['GenerationAccepted'];
  }
  export namespace Differences {
    /**
     * Params of `client.studio.differences.list()`: List a character's differences by expression.
     *
     * `GET /v1/studio/characters/{id}/differences`
     */
    export type ListParams = Input<operations['studio.differences.list']>;
    /**
     * Params of `client.studio.differences.get()`: Get a difference.
     *
     * `GET /v1/studio/differences/{id}`
     */
    export type GetParams = Input<operations['studio.differences.get']>;
    /**
     * Params of `client.studio.differences.delete()`: Delete a difference.
     *
     * `DELETE /v1/studio/differences/{id}`
     */
    export type DeleteParams = Input<operations['studio.differences.delete']>;
    /**
     * A page of Difference objects.
     */
    export type DifferenceList = components['schemas']['DifferenceList'];
    /**
     * One generated expression of a character (a "difference" image).
     */
    export type Difference = components['schemas']['Difference'];
  }
  export namespace Credits {
    /**
     * Params of `client.studio.credits.get()`: Get the studio credits of this month.
     *
     * `GET /v1/studio/credits`
     */
    export type GetParams = Input<operations['studio.credits.get']>;
    /**
     * Studio credits for the current month. One generation batch costs one credit.
     */
    export type Credits = components['schemas']['Credits'];
  }
  export namespace CreditTransactions {
    /**
     * Params of `client.studio.creditTransactions.list()`: List credit transactions, newest first.
     *
     * `GET /v1/studio/credit-transactions`
     */
    export type ListParams = Input<operations['studio.creditTransactions.list']>;
    /**
     * A page of CreditTransaction objects.
     */
    export type CreditTransactionList = components['schemas']['CreditTransactionList'];
    /**
     * One completed generation batch and the credits it used.
     */
    export type CreditTransaction = components['schemas']['CreditTransaction'];
  }
  export namespace Stats {
    /**
     * Params of `client.studio.stats.get()`: Get studio totals.
     *
     * `GET /v1/studio/stats`
     */
    export type GetParams = Input<operations['studio.stats.get']>;
    /**
     * The account's studio totals: characters, generated expressions and their mean consistency.
     */
    export type StudioStats = components['schemas']['StudioStats'];
  }
}

export declare namespace Speak {
  export namespace Profile {
    /**
     * Params of `client.speak.profile.get()`: Get the caller's learner profile.
     *
     * `GET /v1/speak/profile`
     */
    export type GetParams = Input<operations['speak.profile.get']>;
    /**
     * Params of `client.speak.profile.update()`: Create or replace the caller's learner profile.
     *
     * `PUT /v1/speak/profile`
     */
    export type UpdateParams = Input<operations['speak.profile.update']>;
    /**
     * The calling account's learner profile.
     */
    export type SpeakProfile = components['schemas']['SpeakProfile'];
  }
  export namespace Languages {
    /**
     * Params of `client.speak.languages.list()`: List the learner's language settings, newest first.
     *
     * `GET /v1/speak/languages`
     */
    export type ListParams = Input<operations['speak.languages.list']>;
    /**
     * Params of `client.speak.languages.get()`: Get the settings of one language.
     *
     * `GET /v1/speak/languages/{code}`
     */
    export type GetParams = Input<operations['speak.languages.get']>;
    /**
     * Params of `client.speak.languages.update()`: Create or replace the settings of one language.
     *
     * `PUT /v1/speak/languages/{code}`
     */
    export type UpdateParams = Input<operations['speak.languages.update']>;
    /**
     * A page of SpeakLanguageSetting objects.
     */
    export type SpeakLanguageSettingList = components['schemas']['SpeakLanguageSettingList'];
    /**
     * The learner's settings and totals for one language.
     */
    export type SpeakLanguageSetting = components['schemas']['SpeakLanguageSetting'];
  }
  export namespace Scripts {
    /**
     * Params of `client.speak.scripts.list()`: List scripts, newest first.
     *
     * `GET /v1/speak/scripts`
     */
    export type ListParams = Input<operations['speak.scripts.list']>;
    /**
     * Params of `client.speak.scripts.create()`: Write a private script.
     *
     * `POST /v1/speak/scripts`
     */
    export type CreateParams = Input<operations['speak.scripts.create']>;
    /**
     * Params of `client.speak.scripts.get()`: Get a script.
     *
     * `GET /v1/speak/scripts/{id}`
     */
    export type GetParams = Input<operations['speak.scripts.get']>;
    /**
     * Params of `client.speak.scripts.delete()`: Delete one of your scripts.
     *
     * `DELETE /v1/speak/scripts/{id}`
     */
    export type DeleteParams = Input<operations['speak.scripts.delete']>;
    /**
     * A page of SpeakScript objects.
     */
    export type SpeakScriptList = components['schemas']['SpeakScriptList'];
    /**
     * A conversation script.
     */
    export type SpeakScript = components['schemas']['SpeakScript'];
  }
  export namespace Conversations {
    /**
     * Params of `client.speak.conversations.list()`: List conversations, newest first.
     *
     * `GET /v1/speak/conversations`
     */
    export type ListParams = Input<operations['speak.conversations.list']>;
    /**
     * Params of `client.speak.conversations.create()`: Start a conversation.
     *
     * `POST /v1/speak/conversations`
     */
    export type CreateParams = Input<operations['speak.conversations.create']>;
    /**
     * Params of `client.speak.conversations.get()`: Get a conversation.
     *
     * `GET /v1/speak/conversations/{id}`
     */
    export type GetParams = Input<operations['speak.conversations.get']>;
    /**
     * Params of `client.speak.conversations.end()`: End a conversation.
     *
     * `POST /v1/speak/conversations/{id}/end`
     */
    export type EndParams = Input<operations['speak.conversations.end']>;
    /**
     * Params of `client.speak.conversations.events()`: Stream a conversation's replies (Server-Sent Events).
     *
     * `GET /v1/speak/conversations/{id}/events`
     */
    export type EventsParams = Input<operations['speak.conversations.events']>;
    /**
     * A page of SpeakConversation objects.
     */
    export type SpeakConversationList = components['schemas']['SpeakConversationList'];
    /**
     * A conversation with the AI partner.
     */
    export type SpeakConversation = components['schemas']['SpeakConversation'];
  }
  export namespace Messages {
    /**
     * Params of `client.speak.messages.list()`: List a conversation's messages, newest first.
     *
     * `GET /v1/speak/conversations/{id}/messages`
     */
    export type ListParams = Input<operations['speak.messages.list']>;
    /**
     * Params of `client.speak.messages.create()`: Send a learner turn.
     *
     * `POST /v1/speak/conversations/{id}/messages`
     */
    export type CreateParams = Input<operations['speak.messages.create']>;
    /**
     * A page of SpeakMessage objects.
     */
    export type SpeakMessageList = components['schemas']['SpeakMessageList'];
    /**
     * One message of a conversation.
     */
    export type SpeakMessage = components['schemas']['SpeakMessage'];
    /**
     * The learner's message as stored, and the `speak.reply` job writing the partner's reply (also streamed on the conversation's events).
     */
    export type SpeakTurn = components['schemas']['SpeakTurn'];
  }
  export namespace Progress {
    /**
     * Params of `client.speak.progress.list()`: List progress per language, newest first.
     *
     * `GET /v1/speak/progress`
     */
    export type ListParams = Input<operations['speak.progress.list']>;
    /**
     * A page of SpeakProgress objects.
     */
    export type SpeakProgressList = components['schemas']['SpeakProgressList'];
    /**
     * Progress in one language.
     */
    export type SpeakProgress = components['schemas']['SpeakProgress'];
  }
  export namespace Achievements {
    /**
     * Params of `client.speak.achievements.list()`: List achievements with the learner's progress.
     *
     * `GET /v1/speak/achievements`
     */
    export type ListParams = Input<operations['speak.achievements.list']>;
    /**
     * Every achievement with the learner's progress (a short fixed list: not paginated).
     */
    export type SpeakAchievementList = components['schemas']['SpeakAchievementList'];
    /**
     * An achievement and where the learner stands on it.
     */
    export type SpeakAchievement = components['schemas']['SpeakAchievement'];
  }
  export namespace Usage {
    /**
     * Params of `client.speak.usage.list()`: List microphone and conversation usage per hour or day.
     *
     * `GET /v1/speak/usage`
     */
    export type ListParams = Input<operations['speak.usage.list']>;
    /**
     * A page of usage periods, and the microphone quota now.
     */
    export type SpeakUsageList = components['schemas']['SpeakUsageList'];
    /**
     * Usage in one hour or day.
     */
    export type SpeakUsagePeriod = components['schemas']['SpeakUsagePeriod'];
  }
}

export declare namespace Stickers {
  export namespace Images {
    /**
     * Params of `client.stickers.images.list()`: List rendered stickers, newest first.
     *
     * `GET /v1/stickers/images`
     */
    export type ListParams = Input<operations['stickers.images.list']>;
    /**
     * Params of `client.stickers.images.create()`: Render a sticker.
     *
     * `POST /v1/stickers/images`
     */
    export type CreateParams = Input<operations['stickers.images.create']>;
    /**
     * Params of `client.stickers.images.get()`: Get a rendered sticker.
     *
     * `GET /v1/stickers/images/{id}`
     */
    export type GetParams = Input<operations['stickers.images.get']>;
    /**
     * Params of `client.stickers.images.delete()`: Delete a rendered sticker.
     *
     * `DELETE /v1/stickers/images/{id}`
     */
    export type DeleteParams = Input<operations['stickers.images.delete']>;
    /**
     * A page of StickerImage objects.
     */
    export type StickerImageList = components['schemas']['StickerImageList'];
    /**
     * A rendered sticker: what was asked for, and the image once it is drawn.
     */
    export type StickerImage = components['schemas']['StickerImage'];
    /**
     * Either the cached image (201) or the job that renders it (202).
     */
    export type StickerImageCreation = components['schemas']['StickerImageCreation'];
  }
  export namespace Usage {
    /**
     * Params of `client.stickers.usage.list()`: List daily sticker usage, newest day first.
     *
     * `GET /v1/stickers/usage`
     */
    export type ListParams = Input<operations['stickers.usage.list']>;
    /**
     * A page of StickerUsageDay objects.
     */
    export type StickerUsageDayList = components['schemas']['StickerUsageDayList'];
    /**
     * One UTC day of the account's sticker usage.
     */
    export type StickerUsageDay = components['schemas']['StickerUsageDay'];
  }
}

export declare namespace Nex {
  export namespace Creators {
    /**
     * Params of `client.nex.creators.create()`: Join nex as a creator.
     *
     * `POST /v1/nex/creators`
     */
    export type CreateParams = Input<operations['nex.creators.create']>;
    /**
     * Params of `client.nex.creators.get()`: Get a creator.
     *
     * `GET /v1/nex/creators/{username}`
     */
    export type GetParams = Input<operations['nex.creators.get']>;
    /**
     * Params of `client.nex.creators.update()`: Change the caller's creator profile.
     *
     * `PATCH /v1/nex/creators/{username}`
     */
    export type UpdateParams = Input<operations['nex.creators.update']>;
    /**
     * Params of `client.nex.creators.fan()`: Become a fan of a creator.
     *
     * `PUT /v1/nex/creators/{username}/fan`
     */
    export type FanParams = Input<operations['nex.creators.fan']>;
    /**
     * Params of `client.nex.creators.unfan()`: Stop being a fan of a creator.
     *
     * `DELETE /v1/nex/creators/{username}/fan`
     */
    export type UnfanParams = Input<operations['nex.creators.unfan']>;
    /**
     * Params of `client.nex.creators.stats()`: A creator's statistics.
     *
     * `GET /v1/nex/creators/{username}/stats`
     */
    export type StatsParams = Input<operations['nex.creators.stats']>;
    /**
     * A nex creator profile: public to everyone.
     */
    export type NexCreator = components['schemas']['NexCreator'];
    /**
     * An account being a fan of a creator.
     */
    export type NexFan = components['schemas']['NexFan'];
    /**
     * A creator's statistics (the original design's `user_stats`).
     */
    export type NexCreatorStats = components['schemas']['NexCreatorStats'];
  }
  export namespace Categories {
    /**
     * Params of `client.nex.categories.list()`: List the category tree.
     *
     * `GET /v1/nex/categories`
     */
    export type ListParams = Input<operations['nex.categories.list']>;
    /**
     * The whole category tree.
     */
    export type NexCategoryList = components['schemas']['NexCategoryList'];
    /**
     * One category of the tree.
     */
    export type NexCategory = components['schemas']['NexCategory'];
  }
  export namespace Artworks {
    /**
     * Params of `client.nex.artworks.list()`: Browse and search artworks.
     *
     * `GET /v1/nex/artworks`
     */
    export type ListParams = Input<operations['nex.artworks.list']>;
    /**
     * Params of `client.nex.artworks.create()`: Create an artwork (a draft).
     *
     * `POST /v1/nex/artworks`
     */
    export type CreateParams = Input<operations['nex.artworks.create']>;
    /**
     * Params of `client.nex.artworks.get()`: Get an artwork.
     *
     * `GET /v1/nex/artworks/{id}`
     */
    export type GetParams = Input<operations['nex.artworks.get']>;
    /**
     * Params of `client.nex.artworks.delete()`: Delete an artwork.
     *
     * `DELETE /v1/nex/artworks/{id}`
     */
    export type DeleteParams = Input<operations['nex.artworks.delete']>;
    /**
     * Params of `client.nex.artworks.update()`: Change an artwork.
     *
     * `PATCH /v1/nex/artworks/{id}`
     */
    export type UpdateParams = Input<operations['nex.artworks.update']>;
    /**
     * Params of `client.nex.artworks.publish()`: Publish an artwork.
     *
     * `POST /v1/nex/artworks/{id}/publish`
     */
    export type PublishParams = Input<operations['nex.artworks.publish']>;
    /**
     * Params of `client.nex.artworks.archive()`: Archive an artwork.
     *
     * `POST /v1/nex/artworks/{id}/archive`
     */
    export type ArchiveParams = Input<operations['nex.artworks.archive']>;
    /**
     * Params of `client.nex.artworks.like()`: Like an artwork.
     *
     * `PUT /v1/nex/artworks/{id}/like`
     */
    export type LikeParams = Input<operations['nex.artworks.like']>;
    /**
     * Params of `client.nex.artworks.unlike()`: Remove a like.
     *
     * `DELETE /v1/nex/artworks/{id}/like`
     */
    export type UnlikeParams = Input<operations['nex.artworks.unlike']>;
    /**
     * Params of `client.nex.artworks.view()`: Record a view of an artwork.
     *
     * `POST /v1/nex/artworks/{id}/views`
     */
    export type ViewParams = Input<operations['nex.artworks.view']>;
    /**
     * Params of `client.nex.artworks.popular()`: Popular artworks.
     *
     * `GET /v1/nex/artworks/popular`
     */
    export type PopularParams = Input<operations['nex.artworks.popular']>;
    /**
     * A page of NexArtwork objects.
     */
    export type NexArtworkList = components['schemas']['NexArtworkList'];
    /**
     * An artwork: public once published, its owner's alone before.
     */
    export type NexArtwork = components['schemas']['NexArtwork'];
    /**
     * One account liking an artwork: readable by the liker and the artwork's owner.
     */
    export type NexLike = components['schemas']['NexLike'];
  }
  export namespace Likes {
    /**
     * Params of `client.nex.likes.list()`: List likes given or received by the caller, newest first.
     *
     * `GET /v1/nex/likes`
     */
    export type ListParams = Input<operations['nex.likes.list']>;
    /**
     * A page of NexLike objects.
     */
    export type NexLikeList = components['schemas']['NexLikeList'];
    /**
     * One account liking an artwork: readable by the liker and the artwork's owner.
     */
    export type NexLike = components['schemas']['NexLike'];
  }
  export namespace Comments {
    /**
     * Params of `client.nex.comments.list()`: List an artwork's comments, newest first.
     *
     * `GET /v1/nex/artworks/{id}/comments`
     */
    export type ListParams = Input<operations['nex.comments.list']>;
    /**
     * Params of `client.nex.comments.create()`: Comment on an artwork.
     *
     * `POST /v1/nex/artworks/{id}/comments`
     */
    export type CreateParams = Input<operations['nex.comments.create']>;
    /**
     * Params of `client.nex.comments.delete()`: Delete a comment.
     *
     * `DELETE /v1/nex/comments/{id}`
     */
    export type DeleteParams = Input<operations['nex.comments.delete']>;
    /**
     * Params of `client.nex.comments.update()`: Edit a comment.
     *
     * `PATCH /v1/nex/comments/{id}`
     */
    export type UpdateParams = Input<operations['nex.comments.update']>;
    /**
     * Params of `client.nex.comments.hide()`: Hide a comment on your artwork.
     *
     * `POST /v1/nex/comments/{id}/hide`
     */
    export type HideParams = Input<operations['nex.comments.hide']>;
    /**
     * Params of `client.nex.comments.unhide()`: Show a comment you hid.
     *
     * `POST /v1/nex/comments/{id}/unhide`
     */
    export type UnhideParams = Input<operations['nex.comments.unhide']>;
    /**
     * A page of NexComment objects.
     */
    export type NexCommentList = components['schemas']['NexCommentList'];
    /**
     * A comment on an artwork.
     */
    export type NexComment = components['schemas']['NexComment'];
  }
  export namespace Fans {
    /**
     * Params of `client.nex.fans.list()`: List a creator's fans, newest first.
     *
     * `GET /v1/nex/creators/{username}/fans`
     */
    export type ListParams = Input<operations['nex.fans.list']>;
    /**
     * A page of NexFan objects.
     */
    export type NexFanList = components['schemas']['NexFanList'];
    /**
     * An account being a fan of a creator.
     */
    export type NexFan = components['schemas']['NexFan'];
  }
  export namespace Following {
    /**
     * Params of `client.nex.following.list()`: List the creators a creator is a fan of, newest first.
     *
     * `GET /v1/nex/creators/{username}/following`
     */
    export type ListParams = Input<operations['nex.following.list']>;
    /**
     * A page of NexFan objects.
     */
    export type NexFanList = components['schemas']['NexFanList'];
    /**
     * An account being a fan of a creator.
     */
    export type NexFan = components['schemas']['NexFan'];
  }
  export namespace Levels {
    /**
     * Params of `client.nex.levels.list()`: The level curve.
     *
     * `GET /v1/nex/levels`
     */
    export type ListParams = Input<operations['nex.levels.list']>;
    /**
     * The level curve.
     */
    export type NexLevelList = components['schemas']['NexLevelList'];
    /**
     * One step of the level curve.
     */
    export type NexLevel = components['schemas']['NexLevel'];
  }
  export namespace ExpActions {
    /**
     * Params of `client.nex.expActions.list()`: The actions that earn EXP.
     *
     * `GET /v1/nex/exp-actions`
     */
    export type ListParams = Input<operations['nex.expActions.list']>;
    /**
     * The EXP table.
     */
    export type NexExpActionList = components['schemas']['NexExpActionList'];
    /**
     * An action that earns EXP.
     */
    export type NexExpAction = components['schemas']['NexExpAction'];
  }
  export namespace ExpLog {
    /**
     * Params of `client.nex.expLog.list()`: The caller's EXP earnings, newest first.
     *
     * `GET /v1/nex/exp-log`
     */
    export type ListParams = Input<operations['nex.expLog.list']>;
    /**
     * A page of NexExpLogEntry objects.
     */
    export type NexExpLog = components['schemas']['NexExpLog'];
    /**
     * One EXP earning of the caller.
     */
    export type NexExpLogEntry = components['schemas']['NexExpLogEntry'];
  }
  export namespace Achievements {
    /**
     * Params of `client.nex.achievements.list()`: Achievements, with the caller's progress.
     *
     * `GET /v1/nex/achievements`
     */
    export type ListParams = Input<operations['nex.achievements.list']>;
    /**
     * The achievements.
     */
    export type NexAchievementList = components['schemas']['NexAchievementList'];
    /**
     * An achievement, with the caller's progress.
     */
    export type NexAchievement = components['schemas']['NexAchievement'];
  }
  export namespace CheckIns {
    /**
     * Params of `client.nex.checkIns.create()`: Check in for the day.
     *
     * `POST /v1/nex/check-ins`
     */
    export type CreateParams = Input<operations['nex.checkIns.create']>;
    /**
     * Today's check-in.
     */
    export type NexCheckIn = components['schemas']['NexCheckIn'];
  }
  export namespace Collaborations {
    /**
     * Params of `client.nex.collaborations.list()`: List collaboration requests sent or received, newest first.
     *
     * `GET /v1/nex/collaborations`
     */
    export type ListParams = Input<operations['nex.collaborations.list']>;
    /**
     * Params of `client.nex.collaborations.create()`: Ask a creator to collaborate.
     *
     * `POST /v1/nex/collaborations`
     */
    export type CreateParams = Input<operations['nex.collaborations.create']>;
    /**
     * Params of `client.nex.collaborations.get()`: Get a collaboration request.
     *
     * `GET /v1/nex/collaborations/{id}`
     */
    export type GetParams = Input<operations['nex.collaborations.get']>;
    /**
     * Params of `client.nex.collaborations.accept()`: Accept a collaboration request.
     *
     * `POST /v1/nex/collaborations/{id}/accept`
     */
    export type AcceptParams = Input<operations['nex.collaborations.accept']>;
    /**
     * Params of `client.nex.collaborations.decline()`: Decline a collaboration request.
     *
     * `POST /v1/nex/collaborations/{id}/decline`
     */
    export type DeclineParams = Input<operations['nex.collaborations.decline']>;
    /**
     * Params of `client.nex.collaborations.cancel()`: Cancel a collaboration request.
     *
     * `POST /v1/nex/collaborations/{id}/cancel`
     */
    export type CancelParams = Input<operations['nex.collaborations.cancel']>;
    /**
     * A page of NexCollaboration objects.
     */
    export type NexCollaborationList = components['schemas']['NexCollaborationList'];
    /**
     * A collaboration request, readable by its sender and recipient only.
     */
    export type NexCollaboration = components['schemas']['NexCollaboration'];
  }
  export namespace Payments {
    /**
     * Params of `client.nex.payments.get()`: Get a payment.
     *
     * `GET /v1/nex/payments/{id}`
     */
    export type GetParams = Input<operations['nex.payments.get']>;
    /**
     * Params of `client.nex.payments.simulate()`: Complete a test-mode payment.
     *
     * `POST /v1/nex/payments/{id}/simulate`
     */
    export type SimulateParams = Input<operations['nex.payments.simulate']>;
    /**
     * A payment, readable by its payer only.
     */
    export type NexPayment = components['schemas']['NexPayment'];
  }
  export namespace Transactions {
    /**
     * Params of `client.nex.transactions.list()`: List the caller's ledger entries, newest first.
     *
     * `GET /v1/nex/transactions`
     */
    export type ListParams = Input<operations['nex.transactions.list']>;
    /**
     * A page of NexTransaction objects.
     */
    export type NexTransactionList = components['schemas']['NexTransactionList'];
    /**
     * One entry of the account's side of the ledger. Entries are never changed.
     */
    export type NexTransaction = components['schemas']['NexTransaction'];
  }
  export namespace Balance {
    /**
     * Params of `client.nex.balance.get()`: Get the caller's balances.
     *
     * `GET /v1/nex/balance`
     */
    export type GetParams = Input<operations['nex.balance.get']>;
    /**
     * The account's balances, each the sum of its ledger entries at the moment of reading.
     */
    export type NexBalance = components['schemas']['NexBalance'];
  }
  export namespace Withdrawals {
    /**
     * Params of `client.nex.withdrawals.list()`: List your withdrawals, newest first.
     *
     * `GET /v1/nex/withdrawals`
     */
    export type ListParams = Input<operations['nex.withdrawals.list']>;
    /**
     * Params of `client.nex.withdrawals.create()`: Withdraw from your available balance.
     *
     * `POST /v1/nex/withdrawals`
     */
    export type CreateParams = Input<operations['nex.withdrawals.create']>;
    /**
     * Params of `client.nex.withdrawals.get()`: Get a withdrawal.
     *
     * `GET /v1/nex/withdrawals/{id}`
     */
    export type GetParams = Input<operations['nex.withdrawals.get']>;
    /**
     * A page of NexWithdrawal objects.
     */
    export type NexWithdrawalList = components['schemas']['NexWithdrawalList'];
    /**
     * A withdrawal, readable by its owner only.
     */
    export type NexWithdrawal = components['schemas']['NexWithdrawal'];
  }
  export namespace Products {
    /**
     * Params of `client.nex.products.list()`: List products, newest first.
     *
     * `GET /v1/nex/products`
     */
    export type ListParams = Input<operations['nex.products.list']>;
    /**
     * Params of `client.nex.products.create()`: List a product for sale.
     *
     * `POST /v1/nex/products`
     */
    export type CreateParams = Input<operations['nex.products.create']>;
    /**
     * Params of `client.nex.products.get()`: Get a product.
     *
     * `GET /v1/nex/products/{id}`
     */
    export type GetParams = Input<operations['nex.products.get']>;
    /**
     * Params of `client.nex.products.update()`: Change a product.
     *
     * `PATCH /v1/nex/products/{id}`
     */
    export type UpdateParams = Input<operations['nex.products.update']>;
    /**
     * A page of NexProduct objects.
     */
    export type NexProductList = components['schemas']['NexProductList'];
    /**
     * A product. Public while `active` or `out_of_stock`; otherwise only its seller sees it.
     */
    export type NexProduct = components['schemas']['NexProduct'];
  }
  export namespace Orders {
    /**
     * Params of `client.nex.orders.list()`: List orders bought or sold, newest first.
     *
     * `GET /v1/nex/orders`
     */
    export type ListParams = Input<operations['nex.orders.list']>;
    /**
     * Params of `client.nex.orders.create()`: Order products.
     *
     * `POST /v1/nex/orders`
     */
    export type CreateParams = Input<operations['nex.orders.create']>;
    /**
     * Params of `client.nex.orders.get()`: Get an order.
     *
     * `GET /v1/nex/orders/{id}`
     */
    export type GetParams = Input<operations['nex.orders.get']>;
    /**
     * Params of `client.nex.orders.cancel()`: Cancel an unpaid order.
     *
     * `POST /v1/nex/orders/{id}/cancel`
     */
    export type CancelParams = Input<operations['nex.orders.cancel']>;
    /**
     * Params of `client.nex.orders.ship()`: Mark an order shipped.
     *
     * `POST /v1/nex/orders/{id}/ship`
     */
    export type ShipParams = Input<operations['nex.orders.ship']>;
    /**
     * Params of `client.nex.orders.deliver()`: Mark an order delivered.
     *
     * `POST /v1/nex/orders/{id}/deliver`
     */
    export type DeliverParams = Input<operations['nex.orders.deliver']>;
    /**
     * Params of `client.nex.orders.refund()`: Refund an order.
     *
     * `POST /v1/nex/orders/{id}/refund`
     */
    export type RefundParams = Input<operations['nex.orders.refund']>;
    /**
     * A page of NexOrder objects.
     */
    export type NexOrderList = components['schemas']['NexOrderList'];
    /**
     * An order, visible to its buyer and its seller only.
     */
    export type NexOrder = components['schemas']['NexOrder'];
  }
  export namespace Events {
    /**
     * Params of `client.nex.events.list()`: List events, newest first.
     *
     * `GET /v1/nex/events`
     */
    export type ListParams = Input<operations['nex.events.list']>;
    /**
     * Params of `client.nex.events.create()`: Create an event (a draft).
     *
     * `POST /v1/nex/events`
     */
    export type CreateParams = Input<operations['nex.events.create']>;
    /**
     * Params of `client.nex.events.get()`: Get an event.
     *
     * `GET /v1/nex/events/{id}`
     */
    export type GetParams = Input<operations['nex.events.get']>;
    /**
     * Params of `client.nex.events.delete()`: Delete a draft event.
     *
     * `DELETE /v1/nex/events/{id}`
     */
    export type DeleteParams = Input<operations['nex.events.delete']>;
    /**
     * Params of `client.nex.events.update()`: Change an event.
     *
     * `PATCH /v1/nex/events/{id}`
     */
    export type UpdateParams = Input<operations['nex.events.update']>;
    /**
     * Params of `client.nex.events.publish()`: Publish an event.
     *
     * `POST /v1/nex/events/{id}/publish`
     */
    export type PublishParams = Input<operations['nex.events.publish']>;
    /**
     * Params of `client.nex.events.complete()`: Mark an event completed.
     *
     * `POST /v1/nex/events/{id}/complete`
     */
    export type CompleteParams = Input<operations['nex.events.complete']>;
    /**
     * Params of `client.nex.events.cancel()`: Cancel an event.
     *
     * `POST /v1/nex/events/{id}/cancel`
     */
    export type CancelParams = Input<operations['nex.events.cancel']>;
    /**
     * A page of NexEvent objects.
     */
    export type NexEventList = components['schemas']['NexEventList'];
    /**
     * An event. Drafts are visible to their organizer only.
     */
    export type NexEvent = components['schemas']['NexEvent'];
  }
  export namespace TicketTypes {
    /**
     * Params of `client.nex.ticketTypes.list()`: List an event’s ticket types.
     *
     * `GET /v1/nex/events/{id}/ticket-types`
     */
    export type ListParams = Input<operations['nex.ticketTypes.list']>;
    /**
     * Params of `client.nex.ticketTypes.create()`: Add a ticket type to an event.
     *
     * `POST /v1/nex/events/{id}/ticket-types`
     */
    export type CreateParams = Input<operations['nex.ticketTypes.create']>;
    /**
     * Params of `client.nex.ticketTypes.update()`: Change a ticket type.
     *
     * `PATCH /v1/nex/ticket-types/{id}`
     */
    export type UpdateParams = Input<operations['nex.ticketTypes.update']>;
    /**
     * An event’s ticket types.
     */
    export type NexTicketTypeList = components['schemas']['NexTicketTypeList'];
    /**
     * A kind of ticket for an event, with its inventory.
     */
    export type NexTicketType = components['schemas']['NexTicketType'];
  }
  export namespace Referrals {
    export namespace Conversions {
      /**
       * Params of `client.nex.referrals.conversions.list()`: List the conversions of one of your referral codes, newest first.
       *
       * `GET /v1/nex/referrals/{code}/conversions`
       */
      export type ListParams = Input<operations['nex.referrals.conversions.list']>;
      /**
       * A page of NexReferralConversion objects.
       */
      export type NexReferralConversionList = components['schemas']['NexReferralConversionList'];
      /**
       * One conversion through a referral code, as its referrer sees it: never who converted, only what and for how much.
       */
      export type NexReferralConversion = components['schemas']['NexReferralConversion'];
    }
    /**
     * Params of `client.nex.referrals.list()`: List your referral codes, newest first.
     *
     * `GET /v1/nex/referrals`
     */
    export type ListParams = Input<operations['nex.referrals.list']>;
    /**
     * Params of `client.nex.referrals.create()`: Create a referral code.
     *
     * `POST /v1/nex/referrals`
     */
    export type CreateParams = Input<operations['nex.referrals.create']>;
    /**
     * Params of `client.nex.referrals.get()`: Get one of your referral codes.
     *
     * `GET /v1/nex/referrals/{code}`
     */
    export type GetParams = Input<operations['nex.referrals.get']>;
    /**
     * Params of `client.nex.referrals.update()`: Change a referral code.
     *
     * `PATCH /v1/nex/referrals/{code}`
     */
    export type UpdateParams = Input<operations['nex.referrals.update']>;
    /**
     * Params of `client.nex.referrals.qr()`: The QR code of a referral code.
     *
     * `GET /v1/nex/referrals/{code}/qr`
     */
    export type QrParams = Input<operations['nex.referrals.qr']>;
    /**
     * Params of `client.nex.referrals.visitUrl()`: Follow a referral link.
     *
     * `GET /r/{code}`
     */
    export type VisitParams = Input<operations['nex.referrals.visit']>;
    /**
     * A page of NexReferral objects.
     */
    export type NexReferralList = components['schemas']['NexReferralList'];
    /**
     * A referral code, as its owner sees it.
     */
    export type NexReferral = components['schemas']['NexReferral'];
  }
  export namespace Streams {
    export namespace Donations {
      /**
       * Params of `client.nex.streams.donations.list()`: List a stream’s confirmed donations, newest first.
       *
       * `GET /v1/nex/streams/{id}/donations`
       */
      export type ListParams = Input<operations['nex.streams.donations.list']>;
      /**
       * Params of `client.nex.streams.donations.create()`: Donate to a live stream.
       *
       * `POST /v1/nex/streams/{id}/donations`
       */
      export type CreateParams = Input<operations['nex.streams.donations.create']>;
      /**
       * A page of NexDonation objects.
       */
      export type NexDonationList = components['schemas']['NexDonationList'];
      /**
       * A donation to a stream.
       */
      export type NexDonation = components['schemas']['NexDonation'];
      /**
       * A new donation, pending its payment.
       */
      export type NexCreatedDonation = components['schemas']['NexCreatedDonation'];
    }
    export namespace Key {
      /**
       * Params of `client.nex.streams.key.rotate()`: Rotate a stream’s key.
       *
       * `POST /v1/nex/streams/{id}/key`
       */
      export type RotateParams = Input<operations['nex.streams.key.rotate']>;
      /**
       * A stream’s new key, shown once; the previous key no longer works.
       */
      export type NexStreamKey = components['schemas']['NexStreamKey'];
    }
    /**
     * Params of `client.nex.streams.list()`: List live streams, newest first.
     *
     * `GET /v1/nex/streams`
     */
    export type ListParams = Input<operations['nex.streams.list']>;
    /**
     * Params of `client.nex.streams.create()`: Schedule a live stream.
     *
     * `POST /v1/nex/streams`
     */
    export type CreateParams = Input<operations['nex.streams.create']>;
    /**
     * Params of `client.nex.streams.get()`: Get a live stream.
     *
     * `GET /v1/nex/streams/{id}`
     */
    export type GetParams = Input<operations['nex.streams.get']>;
    /**
     * Params of `client.nex.streams.update()`: Change a stream’s thumbnail, archive or settings.
     *
     * `PATCH /v1/nex/streams/{id}`
     */
    export type UpdateParams = Input<operations['nex.streams.update']>;
    /**
     * Params of `client.nex.streams.start()`: Go live.
     *
     * `POST /v1/nex/streams/{id}/start`
     */
    export type StartParams = Input<operations['nex.streams.start']>;
    /**
     * Params of `client.nex.streams.end()`: End a live stream.
     *
     * `POST /v1/nex/streams/{id}/end`
     */
    export type EndParams = Input<operations['nex.streams.end']>;
    /**
     * Params of `client.nex.streams.cancel()`: Cancel a scheduled stream.
     *
     * `POST /v1/nex/streams/{id}/cancel`
     */
    export type CancelParams = Input<operations['nex.streams.cancel']>;
    /**
     * Params of `client.nex.streams.events()`: Follow a stream’s status and donations (Server-Sent Events).
     *
     * `GET /v1/nex/streams/{id}/events`
     */
    export type EventsParams = Input<operations['nex.streams.events']>;
    /**
     * A page of NexStream objects.
     */
    export type NexStreamList = components['schemas']['NexStreamList'];
    /**
     * A live stream; public.
     */
    export type NexStream = components['schemas']['NexStream'];
    /**
     * A new stream, with its stream key shown once.
     */
    export type NexCreatedStream = components['schemas']['NexCreatedStream'];
  }
  export namespace TicketOrders {
    /**
     * Params of `client.nex.ticketOrders.create()`: Order tickets.
     *
     * `POST /v1/nex/ticket-orders`
     */
    export type CreateParams = Input<operations['nex.ticketOrders.create']>;
    /**
     * Params of `client.nex.ticketOrders.get()`: Get a ticket order.
     *
     * `GET /v1/nex/ticket-orders/{id}`
     */
    export type GetParams = Input<operations['nex.ticketOrders.get']>;
    /**
     * A ticket order, readable by its buyer.
     */
    export type NexTicketOrder = components['schemas']['NexTicketOrder'];
  }
  export namespace Tickets {
    /**
     * Params of `client.nex.tickets.list()`: List your tickets, newest first.
     *
     * `GET /v1/nex/tickets`
     */
    export type ListParams = Input<operations['nex.tickets.list']>;
    /**
     * Params of `client.nex.tickets.qr()`: The QR code of a ticket.
     *
     * `GET /v1/nex/tickets/{id}/qr`
     */
    export type QrParams = Input<operations['nex.tickets.qr']>;
    /**
     * Params of `client.nex.tickets.checkIn()`: Check a ticket in.
     *
     * `POST /v1/nex/events/{id}/check-ins`
     */
    export type CheckInParams = Input<operations['nex.tickets.checkIn']>;
    /**
     * A page of NexTicket objects.
     */
    export type NexTicketList = components['schemas']['NexTicketList'];
    /**
     * A ticket, readable by its holder and the event’s organizer.
     */
    export type NexTicket = components['schemas']['NexTicket'];
  }
  export namespace Groups {
    export namespace Members {
      /**
       * Params of `client.nex.groups.members.list()`: List a group's members, newest first.
       *
       * `GET /v1/nex/groups/{id}/members`
       */
      export type ListParams = Input<operations['nex.groups.members.list']>;
      /**
       * Params of `client.nex.groups.members.delete()`: Remove a member.
       *
       * `DELETE /v1/nex/groups/{id}/members/{username}`
       */
      export type DeleteParams = Input<operations['nex.groups.members.delete']>;
      /**
       * Params of `client.nex.groups.members.update()`: Change a member's role.
       *
       * `PATCH /v1/nex/groups/{id}/members/{username}`
       */
      export type UpdateParams = Input<operations['nex.groups.members.update']>;
      /**
       * A page of NexGroupMember objects.
       */
      export type NexGroupMemberList = components['schemas']['NexGroupMemberList'];
      /**
       * A creator in a group, with their role.
       */
      export type NexGroupMember = components['schemas']['NexGroupMember'];
    }
    export namespace Invitations {
      /**
       * Params of `client.nex.groups.invitations.create()`: Invite a creator to a group.
       *
       * `POST /v1/nex/groups/{id}/invitations`
       */
      export type CreateParams = Input<operations['nex.groups.invitations.create']>;
      /**
       * An invitation to join a group, pending until the invitee joins or declines, or it is revoked.
       */
      export type NexGroupInvitation = components['schemas']['NexGroupInvitation'];
    }
    export namespace JoinRequests {
      /**
       * Params of `client.nex.groups.joinRequests.list()`: List a group's join requests, newest first.
       *
       * `GET /v1/nex/groups/{id}/join-requests`
       */
      export type ListParams = Input<operations['nex.groups.joinRequests.list']>;
      /**
       * Params of `client.nex.groups.joinRequests.create()`: Ask to join a private group.
       *
       * `POST /v1/nex/groups/{id}/join-requests`
       */
      export type CreateParams = Input<operations['nex.groups.joinRequests.create']>;
      /**
       * A page of NexGroupJoinRequest objects.
       */
      export type NexGroupJoinRequestList = components['schemas']['NexGroupJoinRequestList'];
      /**
       * A creator's request to join a private group, readable by that creator and by the group's owner and admins only. It never shows the group's name or members to the asker.
       */
      export type NexGroupJoinRequest = components['schemas']['NexGroupJoinRequest'];
    }
    /**
     * Params of `client.nex.groups.list()`: List groups, newest first.
     *
     * `GET /v1/nex/groups`
     */
    export type ListParams = Input<operations['nex.groups.list']>;
    /**
     * Params of `client.nex.groups.create()`: Create a group.
     *
     * `POST /v1/nex/groups`
     */
    export type CreateParams = Input<operations['nex.groups.create']>;
    /**
     * Params of `client.nex.groups.get()`: Get a group.
     *
     * `GET /v1/nex/groups/{id}`
     */
    export type GetParams = Input<operations['nex.groups.get']>;
    /**
     * Params of `client.nex.groups.delete()`: Delete a group.
     *
     * `DELETE /v1/nex/groups/{id}`
     */
    export type DeleteParams = Input<operations['nex.groups.delete']>;
    /**
     * Params of `client.nex.groups.update()`: Change a group.
     *
     * `PATCH /v1/nex/groups/{id}`
     */
    export type UpdateParams = Input<operations['nex.groups.update']>;
    /**
     * Params of `client.nex.groups.join()`: Join a group.
     *
     * `POST /v1/nex/groups/{id}/join`
     */
    export type JoinParams = Input<operations['nex.groups.join']>;
    /**
     * Params of `client.nex.groups.leave()`: Leave a group.
     *
     * `POST /v1/nex/groups/{id}/leave`
     */
    export type LeaveParams = Input<operations['nex.groups.leave']>;
    /**
     * Params of `client.nex.groups.transfer()`: Transfer a group's ownership.
     *
     * `POST /v1/nex/groups/{id}/transfer`
     */
    export type TransferParams = Input<operations['nex.groups.transfer']>;
    /**
     * A page of NexGroup objects.
     */
    export type NexGroupList = components['schemas']['NexGroupList'];
    /**
     * A group of creators.
     */
    export type NexGroup = components['schemas']['NexGroup'];
    /**
     * A creator in a group, with their role.
     */
    export type NexGroupMember = components['schemas']['NexGroupMember'];
  }
  export namespace GroupInvitations {
    /**
     * Params of `client.nex.groupInvitations.list()`: List the group invitations the caller received, newest first.
     *
     * `GET /v1/nex/group-invitations`
     */
    export type ListParams = Input<operations['nex.groupInvitations.list']>;
    /**
     * Params of `client.nex.groupInvitations.delete()`: Decline or revoke a group invitation.
     *
     * `DELETE /v1/nex/group-invitations/{id}`
     */
    export type DeleteParams = Input<operations['nex.groupInvitations.delete']>;
    /**
     * A page of NexGroupInvitation objects.
     */
    export type NexGroupInvitationList = components['schemas']['NexGroupInvitationList'];
    /**
     * An invitation to join a group, pending until the invitee joins or declines, or it is revoked.
     */
    export type NexGroupInvitation = components['schemas']['NexGroupInvitation'];
  }
  export namespace GroupJoinRequests {
    /**
     * Params of `client.nex.groupJoinRequests.list()`: List the join requests the caller made, newest first.
     *
     * `GET /v1/nex/group-join-requests`
     */
    export type ListParams = Input<operations['nex.groupJoinRequests.list']>;
    /**
     * Params of `client.nex.groupJoinRequests.approve()`: Approve a join request.
     *
     * `POST /v1/nex/group-join-requests/{id}/approve`
     */
    export type ApproveParams = Input<operations['nex.groupJoinRequests.approve']>;
    /**
     * Params of `client.nex.groupJoinRequests.decline()`: Decline a join request.
     *
     * `POST /v1/nex/group-join-requests/{id}/decline`
     */
    export type DeclineParams = Input<operations['nex.groupJoinRequests.decline']>;
    /**
     * Params of `client.nex.groupJoinRequests.cancel()`: Cancel a join request.
     *
     * `POST /v1/nex/group-join-requests/{id}/cancel`
     */
    export type CancelParams = Input<operations['nex.groupJoinRequests.cancel']>;
    /**
     * A page of NexGroupJoinRequest objects.
     */
    export type NexGroupJoinRequestList = components['schemas']['NexGroupJoinRequestList'];
    /**
     * A creator's request to join a private group, readable by that creator and by the group's owner and admins only. It never shows the group's name or members to the asker.
     */
    export type NexGroupJoinRequest = components['schemas']['NexGroupJoinRequest'];
  }
}

export declare namespace Miyabi {
  export namespace Plugins {
    /**
     * Params of `client.miyabi.plugins.list()`: Browse the plugin catalogue.
     *
     * `GET /v1/miyabi/plugins`
     */
    export type ListParams = Input<operations['miyabi.plugins.list']>;
    /**
     * Params of `client.miyabi.plugins.create()`: Publish a plugin.
     *
     * `POST /v1/miyabi/plugins`
     */
    export type CreateParams = Input<operations['miyabi.plugins.create']>;
    /**
     * Params of `client.miyabi.plugins.get()`: Get a plugin.
     *
     * `GET /v1/miyabi/plugins/{id}`
     */
    export type GetParams = Input<operations['miyabi.plugins.get']>;
    /**
     * Params of `client.miyabi.plugins.update()`: Update your plugin.
     *
     * `PATCH /v1/miyabi/plugins/{id}`
     */
    export type UpdateParams = Input<operations['miyabi.plugins.update']>;
    /**
     * Params of `client.miyabi.plugins.curate()`: Set a plugin's verified and featured flags.
     *
     * `PUT /v1/miyabi/plugins/{id}/curation`
     */
    export type CurateParams = Input<operations['miyabi.plugins.curate']>;
    /**
     * A page of MiyabiPlugin objects.
     */
    export type MiyabiPluginList = components['schemas']['MiyabiPluginList'];
    /**
     * A plugin of the marketplace: public to everyone.
     */
    export type MiyabiPlugin = components['schemas']['MiyabiPlugin'];
  }
  export namespace Reviews {
    /**
     * Params of `client.miyabi.reviews.put()`: Review a plugin.
     *
     * `PUT /v1/miyabi/plugins/{id}/review`
     */
    export type PutParams = Input<operations['miyabi.reviews.put']>;
    /**
     * Params of `client.miyabi.reviews.delete()`: Remove your review of a plugin.
     *
     * `DELETE /v1/miyabi/plugins/{id}/review`
     */
    export type DeleteParams = Input<operations['miyabi.reviews.delete']>;
    /**
     * Params of `client.miyabi.reviews.list()`: List a plugin's reviews, newest first.
     *
     * `GET /v1/miyabi/plugins/{id}/reviews`
     */
    export type ListParams = Input<operations['miyabi.reviews.list']>;
    /**
     * An account's review of a plugin it subscribes to: public.
     */
    export type MiyabiReview = components['schemas']['MiyabiReview'];
    /**
     * A page of MiyabiReview objects.
     */
    export type MiyabiReviewList = components['schemas']['MiyabiReviewList'];
  }
  export namespace Subscriptions {
    /**
     * Params of `client.miyabi.subscriptions.create()`: Subscribe to a plugin.
     *
     * `POST /v1/miyabi/plugins/{id}/subscription`
     */
    export type CreateParams = Input<operations['miyabi.subscriptions.create']>;
    /**
     * What subscribing started: a subscription with its licence, or a checkout to pay first.
     */
    export type MiyabiSubscribeResult = components['schemas']['MiyabiSubscribeResult'];
  }
  export namespace Licenses {
    /**
     * Params of `client.miyabi.licenses.create()`: Issue a fresh licence for your subscription to a plugin.
     *
     * `POST /v1/miyabi/plugins/{id}/license`
     */
    export type CreateParams = Input<operations['miyabi.licenses.create']>;
    /**
     * Params of `client.miyabi.licenses.list()`: List your licences, newest first.
     *
     * `GET /v1/miyabi/licenses`
     */
    export type ListParams = Input<operations['miyabi.licenses.list']>;
    /**
     * Params of `client.miyabi.licenses.revoke()`: Revoke a licence.
     *
     * `POST /v1/miyabi/licenses/{id}/revoke`
     */
    export type RevokeParams = Input<operations['miyabi.licenses.revoke']>;
    /**
     * Params of `client.miyabi.licenses.jwks()`: The public keys that verify licences.
     *
     * `GET /v1/miyabi/.well-known/jwks.json`
     */
    export type JwksParams = Input<operations['miyabi.licenses.jwks']>;
    /**
     * A signed licence for one plugin subscription.
     */
    export type MiyabiLicense = components['schemas']['MiyabiLicense'];
    /**
     * A page of MiyabiLicense objects.
     */
    export type MiyabiLicenseList = components['schemas']['MiyabiLicenseList'];
    /**
     * The JSON Web Key Set that verifies licences (RFC 7517, section 5).
     */
    export type MiyabiJwks = components['schemas']['MiyabiJwks'];
  }
  export namespace LicenseRevocations {
    /**
     * Params of `client.miyabi.licenseRevocations.list()`: The licence revocation list, newest first.
     *
     * `GET /v1/miyabi/license-revocations`
     */
    export type ListParams = Input<operations['miyabi.licenseRevocations.list']>;
    /**
     * A page of MiyabiLicenseRevocation objects.
     */
    export type MiyabiLicenseRevocationList = components['schemas']['MiyabiLicenseRevocationList'];
    /**
     * A licence revoked before its expiry.
     */
    export type MiyabiLicenseRevocation = components['schemas']['MiyabiLicenseRevocation'];
  }
  export namespace LicenseKeys {
    /**
     * Params of `client.miyabi.licenseKeys.rotate()`: Rotate the licence signing key.
     *
     * `POST /v1/miyabi/license-keys`
     */
    export type RotateParams = Input<operations['miyabi.licenseKeys.rotate']>;
    /**
     * The key that signs licences from now on.
     */
    export type MiyabiSigningKey = components['schemas']['MiyabiSigningKey'];
  }
  export namespace UsageEvents {
    /**
     * Params of `client.miyabi.usageEvents.list()`: List counted usage events, newest first.
     *
     * `GET /v1/miyabi/usage-events`
     */
    export type ListParams = Input<operations['miyabi.usageEvents.list']>;
    /**
     * Params of `client.miyabi.usageEvents.create()`: Report plugin usage.
     *
     * `POST /v1/miyabi/usage-events`
     */
    export type CreateParams = Input<operations['miyabi.usageEvents.create']>;
    /**
     * A page of MiyabiUsageEvent objects.
     */
    export type MiyabiUsageEventList = components['schemas']['MiyabiUsageEventList'];
    /**
     * One counted usage event.
     */
    export type MiyabiUsageEvent = components['schemas']['MiyabiUsageEvent'];
    /**
     * What a batch changed.
     */
    export type MiyabiUsageReceipt = components['schemas']['MiyabiUsageReceipt'];
  }
  export namespace Usage {
    /**
     * Params of `client.miyabi.usage.list()`: Monthly plugin usage.
     *
     * `GET /v1/miyabi/usage`
     */
    export type ListParams = Input<operations['miyabi.usage.list']>;
    /**
     * A page of MiyabiUsageAggregate objects.
     */
    export type MiyabiUsageAggregateList = components['schemas']['MiyabiUsageAggregateList'];
    /**
     * One plugin's usage by the account in one month.
     */
    export type MiyabiUsageAggregate = components['schemas']['MiyabiUsageAggregate'];
  }
  export namespace Repositories {
    export namespace Events {
      /**
       * Params of `client.miyabi.repositories.events.list()`: List a repository's GitHub events.
       *
       * `GET /v1/miyabi/repositories/{id}/events`
       */
      export type ListParams = Input<operations['miyabi.repositories.events.list']>;
      /**
       * A page of MiyabiRepositoryEvent objects.
       */
      export type MiyabiRepositoryEventList = components['schemas']['MiyabiRepositoryEventList'];
      /**
       * A GitHub webhook event recorded for a repository.
       */
      export type MiyabiRepositoryEvent = components['schemas']['MiyabiRepositoryEvent'];
    }
    /**
     * Params of `client.miyabi.repositories.list()`: List the account's repositories.
     *
     * `GET /v1/miyabi/repositories`
     */
    export type ListParams = Input<operations['miyabi.repositories.list']>;
    /**
     * Params of `client.miyabi.repositories.create()`: Connect a GitHub repository.
     *
     * `POST /v1/miyabi/repositories`
     */
    export type CreateParams = Input<operations['miyabi.repositories.create']>;
    /**
     * Params of `client.miyabi.repositories.get()`: Get a repository.
     *
     * `GET /v1/miyabi/repositories/{id}`
     */
    export type GetParams = Input<operations['miyabi.repositories.get']>;
    /**
     * Params of `client.miyabi.repositories.delete()`: Disconnect a repository.
     *
     * `DELETE /v1/miyabi/repositories/{id}`
     */
    export type DeleteParams = Input<operations['miyabi.repositories.delete']>;
    /**
     * Params of `client.miyabi.repositories.update()`: Change a repository.
     *
     * `PATCH /v1/miyabi/repositories/{id}`
     */
    export type UpdateParams = Input<operations['miyabi.repositories.update']>;
    /**
     * A page of MiyabiRepository objects.
     */
    export type MiyabiRepositoryList = components['schemas']['MiyabiRepositoryList'];
    /**
     * A GitHub repository connected to the account.
     */
    export type MiyabiRepository = components['schemas']['MiyabiRepository'];
  }
  export namespace AgentExecutions {
    /**
     * Params of `client.miyabi.agentExecutions.list()`: List the account's agent executions.
     *
     * `GET /v1/miyabi/agent-executions`
     */
    export type ListParams = Input<operations['miyabi.agentExecutions.list']>;
    /**
     * Params of `client.miyabi.agentExecutions.create()`: Run an agent.
     *
     * `POST /v1/miyabi/agent-executions`
     */
    export type CreateParams = Input<operations['miyabi.agentExecutions.create']>;
    /**
     * Params of `client.miyabi.agentExecutions.get()`: Get an agent execution.
     *
     * `GET /v1/miyabi/agent-executions/{id}`
     */
    export type GetParams = Input<operations['miyabi.agentExecutions.get']>;
    /**
     * Params of `client.miyabi.agentExecutions.events()`: Stream an execution's log and progress (Server-Sent Events).
     *
     * `GET /v1/miyabi/agent-executions/{id}/events`
     */
    export type EventsParams = Input<operations['miyabi.agentExecutions.events']>;
    /**
     * A page of MiyabiAgentExecution objects.
     */
    export type MiyabiAgentExecutionList = components['schemas']['MiyabiAgentExecutionList'];
    /**
     * One agent run: what it was given, where it stands and what it produced.
     */
    export type MiyabiAgentExecution = components['schemas']['MiyabiAgentExecution'];
  }
  export namespace Workflows {
    export namespace Runs {
      /**
       * Params of `client.miyabi.workflows.runs.create()`: Run a workflow.
       *
       * `POST /v1/miyabi/workflows/{id}/runs`
       */
      export type CreateParams = Input<operations['miyabi.workflows.runs.create']>;
      /**
       * One run of a workflow (a copy of its definition at the time).
       */
      export type MiyabiWorkflowRun = components['schemas']['MiyabiWorkflowRun'];
    }
    /**
     * Params of `client.miyabi.workflows.list()`: List workflows.
     *
     * `GET /v1/miyabi/workflows`
     */
    export type ListParams = Input<operations['miyabi.workflows.list']>;
    /**
     * Params of `client.miyabi.workflows.create()`: Create a workflow.
     *
     * `POST /v1/miyabi/workflows`
     */
    export type CreateParams = Input<operations['miyabi.workflows.create']>;
    /**
     * Params of `client.miyabi.workflows.get()`: Get a workflow.
     *
     * `GET /v1/miyabi/workflows/{id}`
     */
    export type GetParams = Input<operations['miyabi.workflows.get']>;
    /**
     * Params of `client.miyabi.workflows.delete()`: Delete a workflow.
     *
     * `DELETE /v1/miyabi/workflows/{id}`
     */
    export type DeleteParams = Input<operations['miyabi.workflows.delete']>;
    /**
     * Params of `client.miyabi.workflows.update()`: Change a workflow.
     *
     * `PATCH /v1/miyabi/workflows/{id}`
     */
    export type UpdateParams = Input<operations['miyabi.workflows.update']>;
    /**
     * A page of MiyabiWorkflow objects.
     */
    export type MiyabiWorkflowList = components['schemas']['MiyabiWorkflowList'];
    /**
     * A workflow of agent steps.
     */
    export type MiyabiWorkflow = components['schemas']['MiyabiWorkflow'];
  }
  export namespace WorkflowRuns {
    /**
     * Params of `client.miyabi.workflowRuns.get()`: Get a workflow run.
     *
     * `GET /v1/miyabi/workflow-runs/{id}`
     */
    export type GetParams = Input<operations['miyabi.workflowRuns.get']>;
    /**
     * Params of `client.miyabi.workflowRuns.events()`: Stream a workflow run's progress (Server-Sent Events).
     *
     * `GET /v1/miyabi/workflow-runs/{id}/events`
     */
    export type EventsParams = Input<operations['miyabi.workflowRuns.events']>;
    /**
     * One run of a workflow (a copy of its definition at the time).
     */
    export type MiyabiWorkflowRun = components['schemas']['MiyabiWorkflowRun'];
  }
  export namespace Events {
    /**
     * Params of `client.miyabi.events.list()`: List the account's events, newest first.
     *
     * `GET /v1/miyabi/events`
     */
    export type ListParams = Input<operations['miyabi.events.list']>;
    /**
     * Params of `client.miyabi.events.stream()`: Stream the account's realtime messages (Server-Sent Events).
     *
     * `GET /v1/miyabi/events/stream`
     */
    export type StreamParams = Input<operations['miyabi.events.stream']>;
    /**
     * A page of MiyabiEvent objects.
     */
    export type MiyabiEventList = components['schemas']['MiyabiEventList'];
    /**
     * One recorded event of the account.
     */
    export type MiyabiEvent = components['schemas']['MiyabiEvent'];
  }
  export namespace Line {
    export namespace LinkCodes {
      /**
       * Params of `client.miyabi.line.linkCodes.create()`: Get a code to link a LINE user.
       *
       * `POST /v1/miyabi/line/link-codes`
       */
      export type CreateParams = Input<operations['miyabi.line.linkCodes.create']>;
      /**
       * A one-time code linking a LINE user to the account, valid 10 minutes.
       */
      export type MiyabiLineLinkCode = components['schemas']['MiyabiLineLinkCode'];
    }
  }
  export namespace Identities {
    export namespace Authorizations {
      /**
       * Params of `client.miyabi.identities.authorizations.create()`: Start linking a GitHub or LINE identity.
       *
       * `POST /v1/miyabi/identities/{provider}/authorizations`
       */
      export type CreateParams = Input<operations['miyabi.identities.authorizations.create']>;
      /**
       * The start of linking an identity: valid 10 minutes, for this account only.
       */
      export type MiyabiIdentityAuthorization = components['schemas']['MiyabiIdentityAuthorization'];
    }
    /**
     * Params of `client.miyabi.identities.list()`: List the account's connected accounts.
     *
     * `GET /v1/miyabi/identities`
     */
    export type ListParams = Input<operations['miyabi.identities.list']>;
    /**
     * Params of `client.miyabi.identities.callback()`: Finish linking a GitHub or LINE identity.
     *
     * `POST /v1/miyabi/identities/{provider}/callback`
     */
    export type CallbackParams = Input<operations['miyabi.identities.callback']>;
    /**
     * Params of `client.miyabi.identities.delete()`: Unlink a GitHub or LINE identity.
     *
     * `DELETE /v1/miyabi/identities/{provider}`
     */
    export type DeleteParams = Input<operations['miyabi.identities.delete']>;
    /**
     * A page of MiyabiIdentity objects.
     */
    export type MiyabiIdentityList = components['schemas']['MiyabiIdentityList'];
    /**
     * An identity at a provider, linked to the account.
     */
    export type MiyabiIdentity = components['schemas']['MiyabiIdentity'];
  }
}
