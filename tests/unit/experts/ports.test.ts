import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instrumentSpec } from '../../../src/core/world/instruments/catalog.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { HANDS, type Hand, type HandInput, type Quat, type Vec3, idleInput } from '../../../src/core/kernel/index.ts';
import { PORTS } from '../../../src/core/kernel/or-layout.ts';
import { isLaparoscopic } from '../../../src/core/world/instruments/catalog.ts';
import { throughPortToTip } from '../../../src/core/world/instruments/ports.ts';
import { expertScript } from '../../support/experts.ts';

/**
 * A laparoscopic instrument is held through its hand's port: the app's input paths (the mouse through
 * `throughPortToTip`, a VR controller through `throughPortFromHandle`) give its tip an orientation along
 * the line from the port, only the roll about the shaft free. The shipped scripts must be performable
 * that way: every keyframe of a laparoscopic instrument is what the app's path gives for that tip, and at
 * every tick in between (positions linear, orientations slerped) the shaft still runs through the port.
 */
const SCRIPTS = readdirSync(join(import.meta.dirname, '../../../assets/experts'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .filter((name) => HANDS.some((h) => expertScript(name).hands[h].some((k) => isLaparoscopic(k.instrument ?? null))))
  .sort();

/** Distance from the hand's port to the shaft line (from the tip along the tip frame's +z), m. */
function shaftOffPort(hand: Hand, tip: Vec3, q: Quat): number {
  const p = PORTS[hand].position;
  const d = [p[0] - tip[0], p[1] - tip[1], p[2] - tip[2]] as const;
  const [x, y, z, w] = q;
  const a = [2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)] as const;
  const along = d[0] * a[0] + d[1] * a[1] + d[2] * a[2];
  if (along <= 0) return Math.hypot(...d);
  return Math.hypot(d[1] * a[2] - d[2] * a[1], d[2] * a[0] - d[0] * a[2], d[0] * a[1] - d[1] * a[0]);
}

function angleDeg(a: Quat, b: Quat): number {
  const dot = Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]) / (Math.hypot(...a) * Math.hypot(...b));
  return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
}

describe('laparoscopic expert scripts are performable through the ports', () => {
  it('finds the laparoscopic scripts', () => {
    expect(SCRIPTS).toEqual(
      expect.arrayContaining([
        'fls-peg-transfer',
        'fls-peg-transfer.drop-out-of-view',
        'lap-chole-cvs',
        'lap-chole-cvs.cut-unclipped',
        'lap-chole-cvs.clip-bile-duct',
      ]),
    );
  });

  describe.each(SCRIPTS)('%s', (name) => {
    const script = expertScript(name);

    it("every keyframe of a laparoscopic instrument is a fixed point of the app's port mapping (1e-6 m, 0.1°)", () => {
      let checked = 0;
      for (const hand of HANDS) {
        let instrument: string | null = null;
        let orientation: Quat = [0, 0, 0, 1];
        for (const [i, k] of script.hands[hand].entries()) {
          if (k.instrument !== undefined) instrument = k.instrument;
          if (k.orientation) orientation = k.orientation;
          if (!isLaparoscopic(instrument)) continue;
          const input: HandInput = { pose: { position: [...k.position], orientation: [...orientation] }, jaw: k.jaw, buttons: 0, instrument };
          throughPortToTip(hand, input);
          const moved = Math.hypot(...input.pose.position.map((v, j) => v - k.position[j]!));
          expect(moved, `${hand} keyframe ${i} (t=${k.t}) position`).toBeLessThan(1e-6);
          expect(angleDeg(input.pose.orientation, orientation), `${hand} keyframe ${i} (t=${k.t}) orientation`).toBeLessThan(0.1);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it("at every tick the shaft line passes within 1 mm of the port, the tip within the shaft's reach", () => {
      const player = new KeyframePlayer(script);
      const input = idleInput();
      let worst = 0;
      let at = '';
      for (let tick = 0; tick < player.ticks; tick++) {
        player.inputAt(tick, input);
        for (const hand of HANDS) {
          const h = input.hands[hand];
          if (!isLaparoscopic(h.instrument)) continue;
          const off = shaftOffPort(hand, h.pose.position, h.pose.orientation);
          if (off > worst) [worst, at] = [off, `${hand} at tick ${tick}`];
          const inside = Math.hypot(...PORTS[hand].position.map((v, j) => v - h.pose.position[j]!));
          expect(inside, `${hand} at tick ${tick}: tip beyond the shaft's length`).toBeLessThanOrEqual(instrumentSpec(h.instrument)!.shaftLength);
        }
      }
      expect(worst, `worst ${at}`).toBeLessThan(0.001);
    });
  });
});
