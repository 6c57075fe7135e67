import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import basicSsl from '@vitejs/plugin-basic-ssl';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * WebXR input profiles (controller layouts) are served by the app itself: nothing may come from a CDN.
 * Only the profiles of the headsets we support, plus the generic fallbacks, are copied.
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
      for (const name of [...XR_PROFILES, 'profilesList.json']) {
        if (!existsSync(join(to, name))) cpSync(join(from, name), join(to, name), { recursive: true });
      }
    },
  };
}

// `npm start -- --host` serves on the network over HTTPS (WebXR needs a secure context off localhost).
const onNetwork = process.argv.includes('--host');

export default defineConfig({
  plugins: [react(), selfHostedXrProfiles(), ...(onNetwork ? [basicSsl()] : [])],
  server: { port: 5173 },
  build: { chunkSizeWarningLimit: 2000 },
});
