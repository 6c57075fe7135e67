import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Mode } from '../session/live-session.ts';
import { LiveSession } from '../session/live-session.ts';
import type { SceneName } from '../core/scenes/index.ts';
import type { RenderQuality } from '../scene/render-quality.ts';

/** UI and session state only — never per-frame simulation data (views read that from the session). */
export interface AppState {
  screen: 'home' | 'session';
  procedureId: string | null;
  mode: Mode;
  session: LiveSession | null;
  paused: boolean;
  /** Whether this browser offers immersive VR (checked once at start). */
  vrSupported: boolean;
  /** Whether an immersive session is running now. */
  presenting: boolean;
  /** Enter VR once the scene is up (the session screen consumes this). */
  vrRequested: boolean;
  /** Rendering budget, chosen once at start from the GPU. */
  quality: RenderQuality;
}

export const appStore = createStore<AppState>()(() => ({
  screen: 'home',
  procedureId: null,
  mode: 'learn',
  session: null,
  paused: false,
  vrSupported: false,
  presenting: false,
  vrRequested: false,
  quality: 'high',
}));

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

export function chooseMode(mode: Mode): void {
  appStore.setState({ mode });
}

export function startSession(procedureId: string, scene?: SceneName): LiveSession {
  const { mode } = appStore.getState();
  // The seed picks the virtual patient; a fixed one per procedure until variants rotate with progress.
  const session = new LiveSession({ procedureId, mode, seed: seedFor(procedureId), ...(scene ? { scene } : {}) });
  appStore.setState({ screen: 'session', procedureId, session, paused: false });
  return session;
}

export function requestVr(): void {
  appStore.setState({ vrRequested: true });
}

export function setPaused(paused: boolean): void {
  appStore.getState().session?.setPaused(paused);
  appStore.setState({ paused });
}

export function exitSession(): void {
  appStore.setState({ screen: 'home', session: null, paused: false });
}

function seedFor(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return h;
}
