import { describe, expect, it } from 'vitest';
import { LOUPE_ZOOMS, mmPerPixel, scopeMmPerPixel } from '../../../src/views/desktop-camera.ts';
import { LAPAROSCOPE } from '../../../src/core/kernel/or-layout.ts';
import { Laparoscope } from '../../../src/core/world/laparoscope.ts';
import { protocol } from '../../support/experts.ts';

/**
 * What one pixel covers at the worksite in a 1280×800 window, from each scene's starting view: the finest
 * lateral step the mouse can make (the height has its own 0.5 mm wheel steps). It must stay well below the
 * smallest lateral tolerance the protocols judge by — at 1× at least 1.5 times below, and with the loupe
 * at its highest step (4×) at least 4 times.
 */
const LATERAL_TOLERANCES = [
  ['elliptical-excision', 'maxDeviationMm'],
  ['elliptical-excision', 'marginMm'],
  ['interrupted-suture', 'biteSymmetryMm'],
] as const;

describe('the mouse’s precision at the worksite (1280×800)', () => {
  const smallest = Math.min(...LATERAL_TOLERANCES.map(([id, name]) => Number(protocol(id).parameters[name])));
  const scenes = ['skin-pad', 'hepatobiliary', 'pegboard'] as const;

  it('is well below the smallest lateral tolerance', () => {
    expect(smallest).toBeGreaterThan(0);
    const rows = scenes.map((scene) => [scene, ...LOUPE_ZOOMS.map((zoom) => mmPerPixel(scene, 800, zoom).toFixed(3))].join(' | '));
    console.log(
      `mm per pixel at 1280×800 (smallest lateral tolerance ${smallest} mm)\nscene | ${LOUPE_ZOOMS.map((z) => `${z}×`).join(' | ')}\n${rows.join('\n')}`,
    );
    for (const scene of scenes) {
      expect(mmPerPixel(scene, 800, 1)).toBeLessThan(smallest / 1.5);
      expect(mmPerPixel(scene, 800, LOUPE_ZOOMS[LOUPE_ZOOMS.length - 1]!)).toBeLessThan(smallest / 4);
    }
  });

  it('through the laparoscope (the main view of laparoscopic scenes, no loupe) is below it too', () => {
    const held = new Laparoscope({ holder: 'assistant', angleDeg: 30 }).view;
    const fixed = scopeMmPerPixel(LAPAROSCOPE, 800);
    const assistant = scopeMmPerPixel(held, 800);
    console.log(
      `mm per pixel through the laparoscope at 1280×800: fixed (FLS) ${fixed.toFixed(3)}, held at its usual distance (lap-chole) ${assistant.toFixed(3)}`,
    );
    expect(fixed).toBeLessThan(smallest / 1.5);
    expect(assistant).toBeLessThan(fixed);
  });
});
