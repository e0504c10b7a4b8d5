/** The SDK's version, from package.json at build time (tsup and vitest `define`). */
declare const __YOROZU_SDK_VERSION__: string | undefined;

export const VERSION: string =
  typeof __YOROZU_SDK_VERSION__ === 'string' ? __YOROZU_SDK_VERSION__ : '0.0.0-unknown';
