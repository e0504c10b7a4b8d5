/** OAuth 2.0 with providers: the code flow with PKCE and the bounded requests every provider call makes. */
export {
  type CodeFlowEndpoints,
  callbackUrl,
  codeFlowAuthorizationUrl,
  codeFlowConfiguration,
  exchangeCode,
  newPkceFlow,
  type PkceFlow,
  pkceChallenge,
  providerFailure,
} from './code-flow.ts';
export {
  allowLoopback,
  getJson,
  isLoopbackHttp,
  isTrustedUrl,
  PROVIDER_TIMEOUT_SECONDS,
  readBounded,
} from './endpoints.ts';
export { GITHUB_API_HEADERS, githubCodeFlow } from './github.ts';
