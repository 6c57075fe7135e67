/**
 * The page's only Trusted Types policy, `default` (the Content-Security-Policy requires Trusted Types for
 * script and allows no other policy, vite.config.ts). Nothing in the app writes HTML or script text into the
 * page; the one string that reaches a script sink is the service worker's address, which workbox-window hands
 * to `navigator.serviceWorker.register` as a plain string. So the policy lets through script URLs of this
 * origin only, and defines no `createHTML` or `createScript`: any HTML or script string stays refused.
 * Imported by src/main.tsx before anything registers or loads script.
 */
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createScriptURL?: (input: string) => string | null }): unknown;
}

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;

/** The URL, if it is of this page's origin (else null: the sink refuses it). */
export function sameOriginScriptUrl(input: string, base: string): string | null {
  const url = new URL(input, base);
  return url.origin === new URL(base).origin ? url.href : null;
}

// Browsers without Trusted Types (Firefox, Safari today) ignore the directive and have no factory.
factory?.createPolicy('default', { createScriptURL: (input) => sameOriginScriptUrl(input, location.href) });
