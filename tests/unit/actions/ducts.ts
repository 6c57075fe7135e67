/**
 * The tubes the clip and cut tests work on: the cystic duct along +x (30 mm long, 3 mm across; s = x / 30 mm)
 * and the common bile duct from its end along +z (4 mm across). Identity orientation: jaws along +z from the tips.
 */
export const duct = {
  structure: 'cystic-duct',
  centreline: [
    [0, 1, 0],
    [0.015, 1, 0],
    [0.03, 1, 0],
  ] as const,
  radius: 0.0015,
};

export const cbd = {
  structure: 'common-bile-duct',
  centreline: [
    [0.03, 1, 0],
    [0.03, 1, 0.04],
  ] as const,
  radius: 0.002,
};
