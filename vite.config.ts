import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import basicSsl from '@vitejs/plugin-basic-ssl';
import { VitePWA } from 'vite-plugin-pwa';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * WebXR input profiles (controller layouts) are served by the app itself: nothing may come from a CDN.
 * Only the profiles of the headsets we support, plus the generic fallbacks, are copied — and only their
 * layouts (`profile.json`): the app draws the instrument, never the controller, so the controller models
 * (`*.glb`, ≈ 12 MB) are not shipped.
 */
export const XR_PROFILES = [
  'meta-quest-touch-plus',
  'meta-quest-touch-pro',
  'oculus-touch-v3',
  'oculus-touch-v2',
  'generic-trigger',
  'generic-trigger-squeeze-thumbstick',
  'generic-hand',
];

function selfHostedXrProfiles(): Plugin {
  return {
    name: 'scrub:xr-profiles',
    config() {
      const from = join(root, 'node_modules/@webxr-input-profiles/assets/dist/profiles');
      const to = join(root, 'public/xr-profiles');
      mkdirSync(to, { recursive: true });
      // Anything else in the folder (another profile, a model copied by an older build) goes.
      for (const entry of readdirSync(to)) {
        if (entry !== 'profilesList.json' && !XR_PROFILES.includes(entry)) rmSync(join(to, entry), { recursive: true, force: true });
      }
      if (!existsSync(join(to, 'profilesList.json'))) cpSync(join(from, 'profilesList.json'), join(to, 'profilesList.json'));
      for (const name of XR_PROFILES) {
        mkdirSync(join(to, name), { recursive: true });
        for (const file of readdirSync(join(to, name))) if (file !== 'profile.json') rmSync(join(to, name, file), { recursive: true, force: true });
        if (!existsSync(join(to, name, 'profile.json'))) cpSync(join(from, name, 'profile.json'), join(to, name, 'profile.json'));
      }
    },
  };
}

/**
 * @react-three/xr can inject its own emulator (IWER with its dev UI and synthetic rooms, ≈ 6 MB of lazy
 * chunks). Scrub never asks for it (`emulate: false`; tests use IWER directly, src/xr/emulator.ts), so its
 * lazy import is replaced by a stub and none of it is bundled.
 */
function noBundledXrEmulator(): Plugin {
  const stub = '\0scrub:xr-stub';
  return {
    name: 'scrub:no-xr-emulator',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './emulate.js' && importer && /[\\/]@pmndrs[\\/]xr[\\/]dist[\\/]/.test(importer)) return stub;
      return null;
    },
    load(id) {
      if (id !== stub) return null;
      return `export function emulate() { throw new Error('the @react-three/xr emulator is left out of Scrub builds'); }`;
    },
  };
}

/**
 * The Content-Security-Policy of every build (a meta tag: `vite preview`, the test server and any static
 * host get it alike). No inline or eval'd script; styles may be inline (React's style attributes). Trusted
 * Types for script: a string reaches no script sink (innerHTML, script text or src, a worker's or service
 * worker's URL) except through the one `default` policy, which passes same-origin script URLs only
 * (src/app/trusted-types.ts). Network:
 * the app's own origin, and a Learning Record Store over https (plain http only on this machine).
 * The dev server is left without it: Vite's hot reload injects inline scripts.
 */
const SERVED_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob: https: http://localhost:* http://127.0.0.1:*",
  "worker-src 'self' blob:",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

export const CONTENT_SECURITY_POLICY = [...SERVED_POLICY, "require-trusted-types-for 'script'", 'trusted-types default'].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'scrub:csp',
    apply: 'build',
    // Right after <meta charset>, before any script or style it governs.
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/(<meta charset="[^"]*" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
    },
  };
}

// `npm start -- --host` serves on the network over HTTPS (WebXR needs a secure context off localhost).
const onNetwork = process.argv.includes('--host');

export default defineConfig({
  // The app's version (package.json), written into recordings and compared on replay (src/app/app-version.ts).
  define: { __APP_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  plugins: [
    react(),
    noBundledXrEmulator(),
    selfHostedXrProfiles(),
    contentSecurityPolicy(),
    // Installable and offline after one visit: every file the app needs is precached. An update waits for
    // the learner (src/app/pwa.ts offers it outside an attempt); never skipWaiting by itself.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Scrub — surgical procedure trainer',
        short_name: 'Scrub',
        description: 'Open VR and desktop trainer for surgical procedures',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#101418',
        theme_color: '#101418',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,json,svg,webmanifest}'],
        // The main chunk is ≈ 1.6 MB; the default limit (2 MiB) would silently drop it as it grows.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
    ...(onNetwork ? [basicSsl()] : []),
  ],
  server: { port: 5173 },
  // A host can send the policy as a header too, where frame-ancestors (ignored in a meta tag) keeps the app
  // out of other sites' frames; `vite preview` (and so the browser tests) does.
  // Trusted Types stay in the page's meta tag only: a header governs the service worker's script too, where
  // workbox loads its runtime with importScripts (a Trusted Types sink) and no policy of the page's exists.
  preview: { headers: { 'Content-Security-Policy': `${SERVED_POLICY.join('; ')}; frame-ancestors 'none'` } },
  build: { chunkSizeWarningLimit: 2500 },
});
