import type { WebGLRenderer } from 'three';
import { appStore } from '../ui/app-store.ts';
import { GRIP_TO_TIP } from '../xr/controller-input.ts';
import { xrStore } from '../xr/xr-store.ts';

/**
 * `window.__scrub`, for the browser tests only (dev and test builds): the emulated XR device to drive,
 * and a read-only view of the simulation. Documented in docs/testing.md.
 */
export interface TestHook {
  xrDevice: unknown;
  gripToTip: number;
  renderer: WebGLRenderer | null;
  /** The mode of the running XR session ('immersive-vr'), or null. */
  xrMode(): string | null;
  state(): {
    screen: string;
    presenting: boolean;
    paused: boolean;
    tick: number;
    webgl2: boolean;
    hands: Record<'left' | 'right', { tip: number[]; jaw: number; instrument: string | null }>;
  } | { screen: string; presenting: boolean };
}

export function installTestHook(xrDevice: unknown): TestHook | null {
  if (!(import.meta.env.DEV || import.meta.env.MODE === 'test')) return null;
  const hook: TestHook = {
    xrDevice,
    gripToTip: GRIP_TO_TIP,
    renderer: null,
    xrMode: () => (xrStore.getState().session ? (xrStore.getState().mode ?? null) : null),
    state() {
      const { screen, presenting, paused, session } = appStore.getState();
      if (!session) return { screen, presenting };
      const hand = (h: 'left' | 'right') => {
        const s = session.sim.hands[h];
        return { tip: [...s.tip], jaw: s.jaw, instrument: s.instrument };
      };
      return {
        screen,
        presenting,
        paused,
        tick: session.sim.ticks,
        webgl2: hook.renderer?.getContext() instanceof WebGL2RenderingContext,
        hands: { left: hand('left'), right: hand('right') },
      };
    },
  };
  (window as unknown as { __scrub: TestHook }).__scrub = hook;
  return hook;
}

export function testHook(): TestHook | null {
  return (window as unknown as { __scrub?: TestHook }).__scrub ?? null;
}
