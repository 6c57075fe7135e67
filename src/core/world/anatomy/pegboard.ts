import { TABLE_TOP_Y, WORKSITE } from '../../kernel/or-layout.ts';
import { MeshBuilder, addBox, addCylinder, addTriangleRing, type Mesh } from './mesh.ts';

/** FLS peg-transfer board: 12 pegs (6 a side), 6 triangular rubber rings, a trainer box around them. */
export interface PegboardLayout {
  boardCentre: readonly [number, number, number];
  boardHalf: readonly [number, number, number];
  boardTop: number;
  pegRadius: number;
  pegHeight: number;
  /** The peg's top is tapered over this height to `pegTipRadius` (the chamfer that centres a ring). */
  pegChamfer: number;
  pegTipRadius: number;
  /** Facets round a peg, in the physics and the picture alike. */
  pegSegments: number;
  /** Peg base centres; 0–5 on the left, 6–11 on the right. */
  pegs: readonly (readonly [number, number, number])[];
  /** Ring: circumradius of the outer and inner (hole) triangles, thickness. */
  ring: { outer: number; inner: number; thickness: number; mass: number };
  board: Mesh;
  pegMesh: Mesh;
  ringMesh: Mesh;
  trainerBox: Mesh;
}

export function generatePegboard(): PegboardLayout {
  const boardHalf = [0.12, 0.005, 0.07] as const;
  const boardCentre = [WORKSITE[0], TABLE_TOP_Y + boardHalf[1], WORKSITE[2]] as const;
  const boardTop = TABLE_TOP_Y + 2 * boardHalf[1];
  const pegRadius = 0.0018;
  const pegHeight = 0.025;
  const pegChamfer = 0.005;
  const pegTipRadius = 0.0006;
  const pegSegments = 12;
  const pegs: [number, number, number][] = [];
  for (const side of [-1, 1]) {
    for (let k = 0; k < 6; k++) {
      const col = k % 3;
      const row = Math.floor(k / 3);
      // Staggered rows, as on the standard board.
      pegs.push([boardCentre[0] + side * (0.035 + 0.025 * col + (row ? 0.0125 : 0)), boardTop, boardCentre[2] - 0.02 + 0.04 * row]);
    }
  }
  const board = new MeshBuilder();
  addBox(board, boardCentre, boardHalf);
  const pegMesh = new MeshBuilder();
  for (const p of pegs) {
    addCylinder(pegMesh, p, pegRadius, pegHeight - pegChamfer, pegSegments);
    addCylinder(pegMesh, [p[0], p[1] + pegHeight - pegChamfer, p[2]], pegRadius, pegChamfer, pegSegments, pegTipRadius);
  }
  // The hole is markedly wider than the peg, as on the real board: its inradius (inner / 2, 4.25 mm) leaves about
  // 2.5 mm all round a peg, so a ring sits loosely and drops over a peg let go a few millimetres off its axis.
  const ring = { outer: 0.013, inner: 0.0085, thickness: 0.005, mass: 0.003 };
  const ringMesh = new MeshBuilder();
  addTriangleRing(ringMesh, ring.outer, ring.inner, ring.thickness);
  // The trainer box: floor, back and side walls, open at the front and top so the scene can be seen.
  const box = new MeshBuilder();
  const bx = WORKSITE[0],
    bz = WORKSITE[2],
    by = TABLE_TOP_Y;
  addBox(box, [bx, by + 0.11, bz - 0.15], [0.2, 0.11, 0.004]);
  addBox(box, [bx - 0.2, by + 0.11, bz], [0.004, 0.11, 0.15]);
  addBox(box, [bx + 0.2, by + 0.11, bz], [0.004, 0.11, 0.15]);
  return {
    boardCentre,
    boardHalf,
    boardTop,
    pegRadius,
    pegHeight,
    pegChamfer,
    pegTipRadius,
    pegSegments,
    pegs,
    ring,
    board: board.build(),
    pegMesh: pegMesh.build(),
    ringMesh: ringMesh.build(),
    trainerBox: box.build(),
  };
}
