/**
 * The clip applier's magazine as plain data: a fired clip leaves the jaws empty until they open again,
 * when the next clip is loaded (as a real applier's ratchet does), until the magazine runs out.
 */
export interface ClipMagazine {
  /** Clips still in the shaft, not counting the one in the jaws. */
  remaining: number;
  /** A clip sits in the jaws, ready to fire. */
  loaded: boolean;
}

export const CLIPS_PER_MAGAZINE = 20;

export function fullMagazine(clips = CLIPS_PER_MAGAZINE): ClipMagazine {
  return { remaining: Math.max(0, clips - 1), loaded: clips > 0 };
}

/** Fires the loaded clip; false (nothing fired) when the jaws are empty. */
export function fireClip(m: ClipMagazine): boolean {
  if (!m.loaded) return false;
  m.loaded = false;
  return true;
}

/** Jaws opened: the next clip slides in, if there is one. */
export function loadClip(m: ClipMagazine): void {
  if (m.loaded || m.remaining <= 0) return;
  m.remaining--;
  m.loaded = true;
}
