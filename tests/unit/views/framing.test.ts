import { describe, expect, it } from 'vitest';
import { Vector2, Vector3 } from 'three';
import { WORKSITE } from '../../../src/core/kernel/or-layout.ts';
import { SKIN_PAD_SIZE } from '../../../src/core/world/anatomy/skin-pad.ts';
import { DesktopInput } from '../../../src/input/desktop-input.ts';
import {
  DESKTOP_FOVS,
  DESKTOP_STARTS,
  DESKTOP_VIEWS,
  LOUPE_ZOOMS,
  REFERENCE_ASPECT,
  loupeFov,
  nextLoupeZoom,
  roomCamera,
  worksiteSpan,
} from '../../../src/views/desktop-camera.ts';
import { expertScript } from '../../support/experts.ts';

/** The shipped scripts of the open procedures: every tip they ask for must be where a cursor can put it. */
const OPEN_SCRIPTS = ['interrupted-suture', 'elliptical-excision', 'elliptical-excision.margin-too-small'];

describe('the open procedures’ start view', () => {
  it('frames the skin pad to fill about half the picture each way (the wide room view before: under a fifth)', () => {
    const span = worksiteSpan(DESKTOP_VIEWS['skin-pad'], DESKTOP_FOVS['skin-pad'], REFERENCE_ASPECT, SKIN_PAD_SIZE);
    const before = worksiteSpan([0, 1.3, -0.2], 50, REFERENCE_ASPECT, SKIN_PAD_SIZE);
    console.log(
      `skin pad spans ${(span.width * 100).toFixed(0)} % × ${(span.height * 100).toFixed(0)} % of the picture (before: ${(before.width * 100).toFixed(0)} % × ${(before.height * 100).toFixed(0)} %), eye ${DESKTOP_VIEWS['skin-pad'].map((v) => v.toFixed(3)).join(', ')}`,
    );
    const start = DESKTOP_STARTS['skin-pad'];
    expect(Math.max(span.width, span.height)).toBeCloseTo('fill' in start ? start.fill : 0, 3);
    expect(Math.min(span.width, span.height)).toBeGreaterThan(0.45);
    // Area: a quarter of the picture, more than four times what it was.
    expect(span.width * span.height).toBeGreaterThan(4 * before.width * before.height);
  });

  it('looks down on the pad as a surgeon standing at the table: steeply, from about 60 cm', () => {
    const [x, y, z] = DESKTOP_VIEWS['skin-pad'];
    const distance = Math.hypot(x - WORKSITE[0], y - WORKSITE[1], z - WORKSITE[2]);
    expect(distance).toBeGreaterThan(0.45);
    expect(distance).toBeLessThan(0.7);
    expect((Math.asin((y - WORKSITE[1]) / distance) * 180) / Math.PI).toBeCloseTo(82, 6);
  });

  it('keeps every tip of the shipped open scripts inside the picture (a cursor must reach it)', () => {
    const camera = roomCamera(DESKTOP_VIEWS['skin-pad'], DESKTOP_FOVS['skin-pad'], REFERENCE_ASPECT);
    let widest = 0;
    for (const name of OPEN_SCRIPTS) {
      const script = expertScript(name);
      for (const frame of [...script.hands.left, ...script.hands.right]) {
        const p = new Vector3(...frame.position).project(camera);
        widest = Math.max(widest, Math.abs(p.x), Math.abs(p.y));
      }
    }
    console.log(`farthest script tip at ${(widest * 100).toFixed(0)} % of the half-picture`);
    expect(widest).toBeLessThan(0.92);
  });
});

describe('the loupe', () => {
  it('steps up with Z and down with Shift+Z, round to where it began', () => {
    expect(LOUPE_ZOOMS).toContain(2.5);
    let zoom = nextLoupeZoom(1);
    expect(zoom).toBe(1.5);
    expect(nextLoupeZoom(zoom, -1)).toBe(1);
    expect(nextLoupeZoom(1, -1)).toBe(LOUPE_ZOOMS[LOUPE_ZOOMS.length - 1]);
    for (let i = 0; i < LOUPE_ZOOMS.length; i++) zoom = nextLoupeZoom(zoom);
    expect(zoom).toBe(1.5);
  });

  it('magnifies the worksite by its factor, centred where the camera looks', () => {
    const at = (zoom: number) => worksiteSpan(DESKTOP_VIEWS['skin-pad'], loupeFov('skin-pad', zoom), REFERENCE_ASPECT, SKIN_PAD_SIZE);
    for (const zoom of LOUPE_ZOOMS) {
      expect(at(zoom).height / at(1).height).toBeCloseTo(zoom, 6);
      const centre = new Vector3(...WORKSITE).project(roomCamera(DESKTOP_VIEWS['skin-pad'], loupeFov('skin-pad', zoom), REFERENCE_ASPECT));
      expect(Math.hypot(centre.x, centre.y)).toBeLessThan(1e-9);
    }
  });

  it('keeps the mouse true: the point under the cursor is the point the tip goes to, at every magnification', () => {
    const input = new DesktopInput();
    for (const zoom of LOUPE_ZOOMS) {
      const camera = roomCamera(DESKTOP_VIEWS['skin-pad'], loupeFov('skin-pad', zoom), REFERENCE_ASPECT);
      // Points on the table around the pad, and tips lifted above it (a held height), each where it is drawn.
      for (const [dx, dz] of [
        [0, 0],
        [0.03, -0.02],
        [-0.05, 0.03],
        [0.012, 0.011],
      ] as const) {
        const onTable = new Vector3(WORKSITE[0] + dx / zoom, WORKSITE[1], WORKSITE[2] + dz / zoom);
        const cursor = onTable.clone().project(camera);
        expect(Math.max(Math.abs(cursor.x), Math.abs(cursor.y)), `zoom ${zoom}`).toBeLessThan(1);
        input.hands.right.depth = 0;
        input.hands.right.heldHeight = null;
        const tip = new Vector3();
        expect(input.tipUnder(camera, [], new Vector2(cursor.x, cursor.y), tip)).toBe(true);
        expect(tip.distanceTo(onTable), `zoom ${zoom}`).toBeLessThan(1e-9);
        // Held 6 cm up: level at the held height, on the line of sight through the cursor.
        const lifted = onTable.clone().setY(WORKSITE[1] + 0.06);
        const c2 = lifted.clone().project(camera);
        input.hands.right.heldHeight = lifted.y;
        expect(input.tipUnder(camera, [], new Vector2(c2.x, c2.y), tip)).toBe(true);
        expect(tip.distanceTo(lifted), `zoom ${zoom}`).toBeLessThan(1e-9);
      }
    }
  });
});
