import { createXRStore } from '@react-three/xr';

/**
 * The XR session store. Controller and hand models are off: the trainee sees the instrument in their
 * hand, not the controller. Input profiles come from the app's own server (public/xr-profiles).
 */
export const xrStore = createXRStore({
  emulate: false,
  offerSession: false,
  // Must be absolute: the loader resolves profile paths with new URL(path, base).
  baseAssetPath: new URL(`${import.meta.env.BASE_URL}xr-profiles/`, location.href).href,
  controller: { model: false, rayPointer: false, grabPointer: false, teleportPointer: false },
  hand: { model: false, rayPointer: false, grabPointer: false, touchPointer: false, teleportPointer: false },
  gaze: false,
  screenInput: false,
  transientPointer: false,
});
