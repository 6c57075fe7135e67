import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { sceneFromProtocol } from '../../../src/core/attempt/scene-from-protocol.ts';
import { type Protocol, chooseVariant, loadProtocol } from '../../../src/core/procedure/index.ts';
import { Rng, TICK_HZ, type ToolInput, idleInput } from '../../../src/core/kernel/index.ts';

function protocol(id: string): Protocol {
  const file = join(import.meta.dirname, '../../../procedures', `${id}.yaml`);
  const result = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.protocol;
}

/** Both instruments wander over the worksite, jaws opening and closing. */
function inputs(count: number, seed: number): ToolInput[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const t = i / TICK_HZ;
    const input = idleInput();
    input.hands.right.instrument = 'needle-driver';
    input.hands.left.instrument = 'adson-forceps';
    input.hands.right.pose.position = [0.05 * Math.sin(t), 0.93 + 0.01 * Math.sin(3 * t), -0.45 + 0.03 * Math.cos(t)];
    input.hands.left.pose.position = [-0.04 + 0.01 * rng.next(), 0.94, -0.45];
    input.hands.right.jaw = i % 240 < 120 ? 1 : 0;
    return input;
  });
}

describe('Attempt', () => {
  const suture = protocol('interrupted-suture');

  it('starts the protocol: the first step is in progress at t = 0', () => {
    const attempt = new Attempt({ protocol: suture, mode: 'learn', seed: 3 });
    expect(attempt.currentStep()?.id).toBe(suture.steps[0]!.id);
    expect(attempt.findingLog.some((f) => f.type === 'step-started')).toBe(true);
    expect(attempt.world.scene?.name).toBe('skin-pad');
  });

  it('is deterministic: same seed and inputs give the same state hash', () => {
    const run = (): string => {
      const attempt = new Attempt({ protocol: suture, mode: 'practice', seed: 11 });
      for (const input of inputs(600, 2)) attempt.tick(input);
      return attempt.stateHash();
    };
    expect(run()).toBe(run());
  });

  it('restores a snapshot and continues exactly', () => {
    const all = inputs(480, 4);
    const original = new Attempt({ protocol: suture, mode: 'assess', seed: 5 });
    all.slice(0, 240).forEach((i) => original.tick(i));
    const snap = JSON.parse(JSON.stringify(original.snapshot()));
    all.slice(240).forEach((i) => original.tick(i));
    const resumed = new Attempt({ protocol: suture, mode: 'assess', seed: 5 });
    resumed.restore(snap);
    all.slice(240).forEach((i) => resumed.tick(i));
    expect(resumed.stateHash()).toBe(original.stateHash());
    expect(resumed.motionMetrics().hands.right.pathLength).toBeCloseTo(original.motionMetrics().hands.right.pathLength, 12);
  });

  it('measures the instrument paths as it goes', () => {
    const attempt = new Attempt({ protocol: suture, mode: 'learn', seed: 1 });
    for (const input of inputs(360, 9)) attempt.tick(input);
    const right = attempt.motionMetrics().hands.right;
    expect(right.pathLength).toBeGreaterThan(0.05);
    expect(right.duration).toBeCloseTo(359 / TICK_HZ, 6);
  });
});

describe('sceneFromProtocol', () => {
  const chole = protocol('lap-chole-cvs');

  it('gives the double-cystic-artery variant two arteries', () => {
    const spec = sceneFromProtocol(chole, chooseVariant(chole, { variant: 'double-cystic-artery' }));
    expect(spec).toMatchObject({ name: 'hepatobiliary', variant: { doubleCysticArtery: true } });
    const standard = sceneFromProtocol(chole, chooseVariant(chole, { variant: 'standard' }));
    expect(standard).toMatchObject({ variant: { doubleCysticArtery: false, shortCysticDuct: false, arteryPosition: 'anterior' } });
  });

  it('maps millimetres and degrees of the skin protocols into the generator’s units', () => {
    const excision = protocol('elliptical-excision');
    const variant = excision.variants.find((v) => (v.scene as Record<string, unknown> | undefined)?.tensionLinesDeg === 90);
    const spec = sceneFromProtocol(excision, variant);
    expect(spec.name).toBe('skin-pad');
    if (spec.name === 'skin-pad') {
      expect(spec.variant?.kind).toBe('lesion');
      expect(spec.variant?.tensionAngle).toBeCloseTo(Math.PI / 2, 9);
    }
    expect(sceneFromProtocol(suture(), undefined)).toMatchObject({ variant: { kind: 'laceration' } });
  });
});

function suture(): Protocol {
  return protocol('interrupted-suture');
}
