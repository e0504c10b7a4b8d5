/** Test support for other packages (the SDK's integration tests, the examples). */

export { cookiePair, type FakeOAuth, type FakeUser, startFakeOAuth } from './fake-oauth.ts';
export { createFreshDatabase, type FreshDatabase } from './fresh-database.ts';
export { npmInstall } from './npm-install.ts';
export { startTestServer, type TestServer } from './test-server.ts';
export { defaultJobHandlers, startTestWorker } from './test-worker.ts';
