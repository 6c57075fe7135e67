import { describe, expect, it } from 'vitest';
import { WORKSITE } from '../../../src/core/kernel/index.ts';
import {
  LAP_HANDLE_ABOVE_WORKSITE,
  OPEN_WORKSITE_BELOW_ELBOW,
  SEATED_ELBOW_PER_EYE,
  STANDING_ELBOW_PER_EYE,
  elbowHeight,
  originHeightFor,
} from '../../../src/xr/working-height.ts';
import { PINCH_CLOSED, PINCH_OPEN, jawFromPinch } from '../../../src/xr/controller-input.ts';

/** The worksite's height above the trainee's floor for an XR origin at `origin`. */
const worksiteAbove = (origin: number): number => WORKSITE[1] - origin;

describe('fitting the table to the trainee', () => {
  it('estimates the elbow from the eye height, seated or standing', () => {
    expect(elbowHeight(1.7)).toBeCloseTo(1.7 * STANDING_ELBOW_PER_EYE);
    expect(elbowHeight(1.2)).toBeCloseTo(1.2 * SEATED_ELBOW_PER_EYE);
  });

  it.each([1.1, 1.2, 1.3, 1.5, 1.6, 1.7, 1.85])('open surgery, eyes at %s m: the worksite 5–10 cm below the elbow', (eye) => {
    const below = elbowHeight(eye) - worksiteAbove(originHeightFor(eye, false));
    expect(below).toBeCloseTo(OPEN_WORKSITE_BELOW_ELBOW);
    expect(below).toBeGreaterThanOrEqual(0.05);
    expect(below).toBeLessThanOrEqual(0.1);
  });

  it.each([1.2, 1.7])('laparoscopy, eyes at %s m: the handles (tip at the worksite) at the elbow', (eye) => {
    const handles = worksiteAbove(originHeightFor(eye, true)) + LAP_HANDLE_ABOVE_WORKSITE;
    expect(handles).toBeCloseTo(elbowHeight(eye));
    expect(LAP_HANDLE_ABOVE_WORKSITE).toBeGreaterThan(0.15);
  });

  it('seated or standing as the learner says, whatever the eye height: a tall trainee seated on a high chair gets a seated table', () => {
    expect(elbowHeight(1.45, 'seated')).toBeCloseTo(1.45 * SEATED_ELBOW_PER_EYE);
    expect(elbowHeight(1.45)).toBeCloseTo(1.45 * STANDING_ELBOW_PER_EYE);
    expect(elbowHeight(1.35, 'standing')).toBeCloseTo(1.35 * STANDING_ELBOW_PER_EYE);
    // The seated table is lower: the trainee's floor higher in the scene, by the elbow's difference (≈ 16 cm).
    const lower = originHeightFor(1.45, false, 'seated') - originHeightFor(1.45, false, 'auto');
    expect(lower).toBeCloseTo(1.45 * (STANDING_ELBOW_PER_EYE - SEATED_ELBOW_PER_EYE));
    expect(lower).toBeGreaterThan(0.15);
    expect(originHeightFor(1.2, true, 'auto')).toBe(originHeightFor(1.2, true, 'seated'));
  });

  it('a taller trainee gets a higher table (their floor lower in the scene)', () => {
    expect(originHeightFor(1.7, false)).toBeLessThan(originHeightFor(1.2, false));
  });
});

describe('pinch → jaws', () => {
  it('closed at and below PINCH_CLOSED, open at and above PINCH_OPEN, proportional between', () => {
    expect(jawFromPinch(0.002)).toBe(1);
    expect(jawFromPinch(PINCH_CLOSED)).toBe(1);
    expect(jawFromPinch((PINCH_CLOSED + PINCH_OPEN) / 2)).toBeCloseTo(0.5);
    expect(jawFromPinch(PINCH_OPEN)).toBe(0);
    expect(jawFromPinch(0.09)).toBe(0);
  });
});
