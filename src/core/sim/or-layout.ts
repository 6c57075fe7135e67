/**
 * Where things stand in the operating room, in metres. The user stands at the origin facing −z
 * (the WebXR local-floor convention), so the worksite is in front of them at hand height.
 */
export const TABLE_TOP_Y = 0.9;
export const TABLE_SIZE: [number, number, number] = [0.7, 0.06, 1.9];
export const TABLE_CENTRE: [number, number, number] = [0, TABLE_TOP_Y - TABLE_SIZE[1] / 2, -0.55];
/** Centre of the worksite (anatomy) on the table top. */
export const WORKSITE: [number, number, number] = [0, TABLE_TOP_Y, -0.45];
export const TRAY_CENTRE: [number, number, number] = [0.55, 0.95, -0.3];
