/**
 * The order of the frame callbacks (R3F `useFrame` priorities; negative ones keep R3F's own render last):
 * read the input and step the simulation, then pose every view from it, then film the laparoscope's
 * picture — so the main view and the monitor both show the input read in this same frame. The
 * laparoscope's picture is lit from inside the body: `insideBody` switches to that lighting just
 * before it is filmed, `backInRoom` switches back before the main view is drawn.
 */
export const FRAME_ORDER = { input: -3, views: -2, insideBody: -1.5, monitor: -1, backInRoom: -0.5 } as const;
