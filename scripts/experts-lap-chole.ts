/**
 * Laparoscopic cholecystectomy to the critical view of safety, by script: the left grasper takes the
 * infundibulum and retracts it; the right hand clears the fat over the triangle with the Maryland
 * dissector, takes the lower third of the gallbladder off its bed with the hook, declares the critical
 * view, then clips (three) and divides the cystic artery and the cystic duct. Mistakes: the duct cut
 * before anything is clipped; the artery cut unclipped and left bleeding; a clip on the common bile duct;
 * the hook burning the cystic duct beside the common bile duct, whose heat spreads onto it.
 */
import { frameAxis, jawCrossing, type Point } from '../src/core/recognisers/geometry.ts';
import { sceneGeometry } from '../src/core/recognisers/scene-geometry.ts';
import { instrumentSpec } from '../src/core/world/instruments/catalog.ts';
import type { KeyframeScript } from '../src/core/recording/keyframes.ts';
import { HepatobiliaryScene } from '../src/core/world/scenes/index.ts';
import { Button, type Quat, type Vec3 } from '../src/core/kernel/index.ts';
import { PORTS } from '../src/core/kernel/or-layout.ts';
import { Planner, frameOf, portOrientation, shaftAlong } from './experts-planner.ts';

const SEED = 1;
const VARIANT = 'standard';
const GRASPER = 'atraumatic-grasper';
/** Where the hook burns in the burn-near-duct mistake (s along the cystic duct: near its patient end), and how long. */
const BURN_AT = 0.85;
const BURN_SEC = 1.5;

function scene(p: Planner): HepatobiliaryScene {
  const s = p.attempt.world.scene;
  if (!(s instanceof HepatobiliaryScene)) throw new Error('not the hepatobiliary scene');
  return s;
}

const add = (a: readonly number[], b: readonly number[], k = 1): Vec3 => [a[0]! + k * b[0]!, a[1]! + k * b[1]!, a[2]! + k * b[2]!];
const unit = (a: readonly number[]): Vec3 => {
  const n = Math.hypot(a[0]!, a[1]!, a[2]!);
  return [a[0]! / n, a[1]! / n, a[2]! / n];
};

function particle(s: HepatobiliaryScene, i: number): Vec3 {
  const q = s.particles.pos;
  return [q[3 * i]!, q[3 * i + 1]!, q[3 * i + 2]!];
}

/** The left grasper takes the infundibulum's lateral wall and lifts it 12 mm: a retraction. */
function retract(p: Planner): void {
  const s = scene(p);
  const gb = s.anatomy.gallbladder;
  const axis = add(gb.neck, gb.fundus, -1);
  const target = add(add(gb.fundus, axis, 0.75), [0.0075, 0, 0.0035]);
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < s.gallbladderCount; i++) {
    const d = Math.hypot(...add(particle(s, i), target, -1));
    if (d < bestD) [best, bestD] = [i, d];
  }
  const wall = particle(s, best);
  const orientation = shaftAlong([0.6, 0.8, 0.2]);
  p.key('left', 0, add(wall, [0.02, 0.03, 0]), 0, { instrument: GRASPER, orientation });
  p.move('left', add(wall, [0.004, 0.002, 0]), 0.8);
  p.move('left', add(wall, [0.001, 0, 0]), 0.3);
  p.hold('left', 0.2, 1).hold('left', 0.1);
  p.move('left', add(wall, [0.005, 0.012, 0.003]), 0.8);
}

/** The Maryland dissector closes on each piece of fat over the triangle and pulls it up until it peels away. */
function clearFat(p: Planner): void {
  const s = scene(p);
  const orientation = shaftAlong([-0.3, 0.9, 0.3]);
  p.key('right', 0, [-0.01, 1.02, -0.42], 0, { instrument: 'maryland-dissector', orientation });
  p.waitUntil('right', p.cursor.left);
  for (const piece of s.anatomy.fat) {
    p.move('right', add(piece.centre, [0, 0.012, 0]), 0.35, 0);
    p.move('right', [...piece.centre], 0.2);
    p.hold('right', 0.15, 1);
    // Held, the piece stretches after the jaws and tears away 4 mm on (the scene's FAT_PEEL_TEAR).
    p.move('right', add(piece.centre, [0, 0.008, 0]), 0.2);
    p.hold('right', 0.1, 0);
    p.move('right', add(piece.centre, [0, 0.012, 0]), 0.15);
  }
}

/** The hook burns the lower third's bed attachments, one still attached at a time, until a third is free. */
function freeLowerThird(p: Planner): void {
  const orientation = shaftAlong([0.8, 0.5, 0.2]);
  const last = p.last('right').position;
  p.move('right', [last[0] + 0.03, last[1], last[2]], 0.3, 0, { instrument: 'hook-cautery', orientation });
  for (let pass = 0; pass < 14 && scene(p.simulate() && p).lowerThirdDetached() < 0.45; pass++) {
    const s = scene(p);
    let c = -1;
    for (let k = 0; k < s.bed.count; k++) if (s.bedU[k]! >= 2 / 3 && s.bed.alive[k] === 1) c = c < 0 || s.bedU[k]! > s.bedU[c]! ? k : c;
    if (c < 0) break;
    const at = particle(s, s.bed.particle[c]!);
    p.move('right', add(at, [0.012, 0.002, 0]), 0.4, 0);
    p.move('right', add(at, [0.001, 0.0005, 0]), 0.25);
    p.press('right', Button.activate).hold('right', 0.3);
    p.press('right', 0);
    p.move('right', add(at, [0.012, 0.002, 0]), 0.25);
    p.simulate();
    p.sync();
  }
}

/** The right hand puts its instrument down and holds the declare button for 0.7 s (the recogniser wants 0.5 s). */
function declare(p: Planner): void {
  p.press('right', Button.secondary, null).hold('right', 0.7);
  p.press('right', 0);
}

/** A point at arc-length fraction s along a centreline. */
function along(line: readonly Point[], s: number): { point: Vec3; tangent: Vec3 } {
  const lengths = line.slice(1).map((b, i) => Math.hypot(...add(b, line[i]!, -1)));
  let rest = s * lengths.reduce((x, y) => x + y, 0);
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (rest <= l || i === lengths.length - 1) {
      const d = add(line[i + 1]!, line[i]!, -1);
      return { point: add(line[i]!, d, rest / l), tangent: add([0, 0, 0], d, 1 / l) };
    }
    rest -= l;
  }
  throw new Error('empty centreline');
}

/**
 * The jaws (clip applier or scissors) close across a tube at s: the shaft comes in from the right port
 * (the only way it can), the tube midway between tips and hinge and between the jaws (it runs along the
 * tip frame's y, the jaws closing along x), aimed at the vessel where the tissue has it now. Checked
 * against the recognisers' own geometry, so a clip is complete and on the intended structure.
 */
function closeAcross(p: Planner, instrument: string, structure: string, s: number, expectSpan: boolean): void {
  const spec = instrumentSpec(instrument);
  if (!spec) throw new Error(`no instrument ${instrument}`);
  // Where the vessels lie now, retracted: the tissue simulated up to this point of the script.
  p.sync();
  p.simulate();
  const tubes = sceneGeometry(scene(p)).tubes ?? [];
  const tube = tubes.find((t) => t.structure === structure);
  if (!tube) throw new Error(`no tube ${structure}`);
  const { point, tangent } = along(tube.centreline, s);
  // The tip lies beyond the point on the line from the port through it: the shaft runs back through both.
  const axis = unit(add(PORTS.right.position, point, -1));
  const tip = add(point, axis, -spec.jawLength * 0.45);
  const orientation: Quat = portOrientation('right', instrument, tip, frameOf(axis, tangent));
  const hit = jawCrossing(tubes, tip, frameAxis(orientation, 2, [0, 0, 0]), spec, 0);
  if (!hit || tubes[hit.tube]!.structure !== structure || (expectSpan && !hit.spans))
    throw new Error(`jaws at ${structure} s=${s} take ${hit ? tubes[hit.tube]!.structure : 'nothing'}`);
  p.move('right', add(tip, axis, 0.02), 0.5, 0, { instrument, orientation });
  p.move('right', tip, 0.3);
  p.hold('right', 0.15, 1).hold('right', 0.1);
  p.hold('right', 0.15, 0);
  p.move('right', add(tip, axis, 0.02), 0.3);
}

function clipAndDivide(p: Planner, structure: string): void {
  for (const s of [0.15, 0.45, 0.6]) closeAcross(p, 'clip-applier', structure, s, true);
  closeAcross(p, 'laparoscopic-scissors', structure, 0.3, false);
}

function finish(p: Planner, description: string): KeyframeScript {
  p.sync();
  p.hold('left', 0.5).hold('right', 0.5);
  p.simulate();
  return p.script(description);
}

export function lapCholeExpert(): KeyframeScript {
  const p = new Planner('lap-chole-cvs', SEED, VARIANT);
  retract(p);
  clearFat(p);
  freeLowerThird(p);
  declare(p);
  clipAndDivide(p, 'cystic-artery');
  clipAndDivide(p, 'cystic-duct');
  return finish(p, 'Lap chole, expert: retract, clear the triangle, free the lower third, declare the CVS, clip ×3 and divide the artery, then the duct.');
}

/** The infundibulum retracted, then the scissors straight across `structure` at s 0.3, nothing clipped. */
function cutUnclipped(structure: string): Planner {
  const p = new Planner('lap-chole-cvs', SEED, VARIANT);
  retract(p);
  p.key('right', 0, [-0.01, 1.02, -0.42], 0);
  p.waitUntil('right', p.cursor.left);
  closeAcross(p, 'laparoscopic-scissors', structure, 0.3, false);
  return p;
}

export function lapCholeCutUnclipped(): KeyframeScript {
  const p = cutUnclipped('cystic-duct');
  return finish(p, 'Lap chole, mistake: the cystic duct cut before the critical view and before any clip.');
}

/** The cystic artery cut with no clip, then left to bleed for 30 s: 60 ml at the protocol's 2 ml/s, past its limit. */
export function lapCholeArteryUnclipped(): KeyframeScript {
  const p = cutUnclipped('cystic-artery');
  p.sync();
  p.hold('left', 30).hold('right', 30);
  return finish(p, 'Lap chole, mistake: the cystic artery cut before the critical view and before any clip, and left bleeding.');
}

export function lapCholeClipBileDuct(): KeyframeScript {
  const p = new Planner('lap-chole-cvs', SEED, VARIANT);
  retract(p);
  clearFat(p);
  freeLowerThird(p);
  declare(p);
  closeAcross(p, 'clip-applier', 'common-bile-duct', 0.4, true);
  return finish(p, 'Lap chole, mistake: after the critical view, a clip on the common bile duct.');
}

/**
 * The hook held active on the cystic duct where it joins the common bile duct: it never touches the common
 * bile duct, but its heat spreads onto it (the protocol's thermal dose threshold, `bile-duct-heat-injury`).
 */
export function lapCholeBurnNearDuct(): KeyframeScript {
  const p = new Planner('lap-chole-cvs', SEED, VARIANT);
  retract(p);
  p.key('right', 0, [-0.01, 1.02, -0.42], 0, { instrument: 'hook-cautery', orientation: shaftAlong([0.8, 0.5, 0.2]) });
  p.waitUntil('right', p.cursor.left);
  p.simulate();
  const tubes = sceneGeometry(scene(p)).tubes ?? [];
  const duct = tubes.find((t) => t.structure === 'cystic-duct');
  if (!duct) throw new Error('no cystic duct');
  const { point } = along(duct.centreline, BURN_AT);
  const up = add(point, [0, duct.radius + 0.0005, 0]);
  p.move('right', add(up, [0, 0.012, 0]), 0.5);
  p.move('right', up, 0.3);
  p.press('right', Button.activate).hold('right', BURN_SEC);
  p.press('right', 0);
  p.move('right', add(up, [0, 0.012, 0]), 0.3);
  return finish(p, 'Lap chole, mistake: the hook burnt on the cystic duct beside the common bile duct, heating the duct.');
}
