import { create } from 'zustand';

/**
 * The installed app's update, as the service worker reports it. A new version is downloaded in the
 * background and waits: the learner is offered it outside an attempt (`UpdateOffer`) and it never
 * replaces the running page by itself. Registration lives in src/main.tsx (the `virtual:pwa-register`
 * module exists only in Vite builds); this store is what the screens read.
 */
export interface PwaState {
  /** A new version is installed and waiting. */
  updateReady: boolean;
  /** Every file is cached: the app works with the network off. */
  offlineReady: boolean;
  /** Activates the waiting version and reloads the page (set once registered). */
  applyUpdate: (() => Promise<void>) | null;
}

export const pwaStore = create<PwaState>(() => ({ updateReady: false, offlineReady: false, applyUpdate: null }));
