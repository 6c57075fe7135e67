/**
 * Installs IWER, Meta's WebXR emulator, as a Meta Quest 3 — only in dev and test builds, and only when
 * the URL asks for it (`?iwer`). forceInstall is needed: Chromium exposes a native navigator.xr on
 * localhost, and IWER would otherwise leave it in place ("No XR hardware found").
 */
export async function installEmulatorIfAsked(): Promise<unknown> {
  if (!(import.meta.env.DEV || import.meta.env.MODE === 'test')) return null;
  if (!new URLSearchParams(location.search).has('iwer')) return null;
  const { XRDevice, metaQuest3 } = await import('iwer');
  const device = new XRDevice(metaQuest3);
  device.installRuntime({ forceInstall: true });
  return device;
}
