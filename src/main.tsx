// Must stay first: zod's settings before any schema is used (src/app/strict-csp.ts).
import './app/strict-csp.ts';
// Before anything hands the page a script URL (the service worker's registration below).
import './app/trusted-types.ts';
import './app/i18n.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './screens/App.tsx';
import { appStore } from './app/app-store.ts';
import { pwaStore } from './app/pwa.ts';
import { detectRenderQuality } from './app/render-quality.ts';
import './screens/styles.css';

// The headset emulator and the browser-test hook exist only in dev and test builds: behind this constant
// condition the production build drops both imports and everything only they use (IWER, the scripted
// mistakes). The emulator (on request, `?iwer`) must be in place before the app first asks for WebXR.
if (import.meta.env.DEV || import.meta.env.MODE === 'test') {
  const { installEmulatorIfAsked } = await import('./xr/emulator.ts');
  const { installTestHook } = await import('./dev/test-hook.ts');
  installTestHook(await installEmulatorIfAsked());
}
appStore.setState({ quality: detectRenderQuality() });

// Offline after one visit (a service worker precaches the app); a new version waits for the learner.
const applyUpdate = registerSW({
  onNeedRefresh: () => pwaStore.setState({ updateReady: true }),
  onOfflineReady: () => pwaStore.setState({ offlineReady: true }),
});
pwaStore.setState({ applyUpdate: () => applyUpdate(true) });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
