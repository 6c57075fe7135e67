import { Body, Box, Cylinder, Quaternion, Vec3 } from 'cannon-es';
import { Group } from './rigid-world.ts';

/**
 * A flat triangular ring (FLS object) as one dynamic body of three boxes, one per side, so a peg can
 * pass through the hole. `outer`/`inner` are the circumradii of the outer and hole triangles.
 */
export function triangleRingBody(outer: number, inner: number, thickness: number, mass: number, position: readonly number[]): Body {
  const body = new Body({
    mass,
    position: new Vec3(position[0], position[1], position[2]),
    collisionFilterGroup: Group.object,
    collisionFilterMask: Group.static | Group.object | Group.instrument,
    sleepSpeedLimit: 0.02,
    sleepTimeLimit: 0.5,
    linearDamping: 0.3,
    angularDamping: 0.3,
  });
  // Inradius is half the circumradius for an equilateral triangle.
  const outerIn = outer / 2;
  const innerIn = inner / 2;
  const width = outerIn - innerIn;
  const mid = (outerIn + innerIn) / 2;
  const length = outer * Math.sqrt(3) * 0.85;
  for (let k = 0; k < 3; k++) {
    // Side k faces the direction halfway between corners k and k+1 (corners at 90° + 120° k).
    const a = Math.PI / 2 + (2 * Math.PI * k) / 3 + Math.PI / 3;
    const offset = new Vec3(mid * Math.cos(a), 0, -mid * Math.sin(a));
    const q = new Quaternion().setFromAxisAngle(new Vec3(0, 1, 0), a - Math.PI / 2);
    body.addShape(new Box(new Vec3(length / 2, thickness / 2, width / 2)), offset, q);
  }
  return body;
}

/**
 * A fixed round peg standing on `base`, `height` tall, its top `chamfer` tapered to `tipRadius`: a ring
 * let go with the tip inside its hole is steered down the taper onto the peg, as on the real board.
 */
export function chamferedPegBody(radius: number, height: number, chamfer: number, tipRadius: number, segments: number, base: readonly number[]): Body {
  const body = new Body({
    mass: 0,
    type: Body.STATIC,
    position: new Vec3(base[0], base[1], base[2]),
    collisionFilterGroup: Group.static,
    collisionFilterMask: Group.object | Group.instrument,
  });
  const shaft = height - chamfer;
  body.addShape(new Cylinder(radius, radius, shaft, segments), new Vec3(0, shaft / 2, 0));
  body.addShape(new Cylinder(tipRadius, radius, chamfer, segments), new Vec3(0, shaft + chamfer / 2, 0));
  return body;
}
