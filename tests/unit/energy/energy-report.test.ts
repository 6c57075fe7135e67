import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { sceneFromProtocol } from '../../../src/core/attempt/scene-from-protocol.ts';
import { type Protocol, loadProtocol } from '../../../src/core/procedure/index.ts';
import { Button } from '../../../src/core/kernel/input.ts';
import { HepatobiliaryScene } from '../../../src/core/world/scenes/index.ts';
import { handsAt } from '../tissue/helpers.ts';

function lapChole(): Protocol {
  const file = join(import.meta.dirname, '../../../procedures/lap-chole-cvs.yaml');
  const result = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.protocol;
}

describe('energy from the protocol to the report', () => {
  it("the protocol's scene settings set the energy figures of every variant", () => {
    const protocol = lapChole();
    for (const variant of protocol.variants) {
      const spec = sceneFromProtocol(protocol, variant);
      expect(spec.name === 'hepatobiliary' && spec.energy).toEqual({ heatSpreadMm: 2, thermalInjuryDose: 0.5, smokeClearSec: 3 });
    }
  });

  it('the report gives the thermal dose of what the hook burnt, and calls a structure past the dose heat-injured', () => {
    const attempt = new Attempt({ protocol: lapChole(), mode: 'practice', seed: 3, variant: 'standard' });
    const scene = attempt.world.scene;
    if (!(scene instanceof HepatobiliaryScene)) throw new Error('not the hepatobiliary scene');
    const p = scene.particles.pos;
    const i = scene.bed.particle[Math.floor(scene.bed.count / 3)]!;
    const at: [number, number, number] = [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!];
    for (let t = 0; t < 90; t++) {
      const input = handsAt([0.3, 1.2, -0.3], at, { right: 'hook-cautery' });
      input.hands.right.buttons = Button.activate;
      attempt.tick(input);
    }
    const { thermalDose, heatInjured } = attempt.report().metrics;
    const burnt = Object.entries(thermalDose!).sort((a, b) => b[1] - a[1])[0]!;
    expect(burnt[1]).toBeGreaterThan(0.5);
    expect(heatInjured).toContain(burnt[0]);
    expect(thermalDose!['common-bile-duct']).toBeUndefined();
    expect(heatInjured).not.toContain('common-bile-duct');
  });
});
