export * as conversations from './conversations.ts';
export * from './job.ts';
export * as languages from './languages.ts';
export * as messages from './messages.ts';
export * as profile from './profile.ts';
export * as progress from './progress.ts';
export * as scripts from './scripts.ts';
