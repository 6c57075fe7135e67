import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installEmulatorIfAsked } from './xr/emulator.ts';
import { installTestHook } from './dev/test-hook.ts';
import { App } from './screens/App.tsx';
import { appStore } from './app/app-store.ts';
import { detectRenderQuality } from './app/render-quality.ts';
import './screens/styles.css';

// The emulator (dev/test only, on request) must be in place before the app first asks for WebXR.
const xrDevice = await installEmulatorIfAsked();
installTestHook(xrDevice);
appStore.setState({ quality: detectRenderQuality() });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
