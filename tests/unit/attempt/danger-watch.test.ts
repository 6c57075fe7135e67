import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DangerWatch, type DangerWarning } from '../../../src/core/attempt/danger-watch.ts';
import { createInstrumentState } from '../../../src/core/world/instruments/instrument-state.ts';
import { loadProtocol } from '../../../src/core/procedure/index.ts';
import { idleInput } from '../../../src/core/kernel/index.ts';

const file = join(import.meta.dirname, '../../../procedures/lap-chole-cvs.yaml');
const loaded = loadProtocol(readFileSync(file, 'utf8'), file);
if (!loaded.ok) throw new Error('lap-chole-cvs.yaml does not load');
const protocol = loaded.protocol;

// A common bile duct along x at y = 1, radius 3 mm.
const tubes = [
  {
    structure: 'common-bile-duct',
    centreline: [
      [0, 1, 0],
      [0.1, 1, 0],
    ] as const,
    radius: 0.003,
  },
];

function hands(instrument: string, tip: [number, number, number]) {
  const idle = idleInput();
  const right = createInstrumentState('right', { ...idle.hands.right, instrument, pose: { position: tip, orientation: [0, 0, 0, 1] } });
  return { left: createInstrumentState('left', idle.hands.left), right };
}

describe('DangerWatch', () => {
  it('warns once when a hook comes within the protocol distance of the common bile duct', () => {
    const watch = new DangerWatch(protocol, tubes);
    const out: DangerWarning[] = [];
    watch.step(1, hands('hook-cautery', [0.05, 1.02, 0]), out); // 17 mm from the surface: outside 5 mm
    expect(out).toEqual([]);
    watch.step(2, hands('hook-cautery', [0.05, 1.006, 0]), out); // 3 mm from the surface
    expect(out).toEqual([{ tick: 2, hand: 'right', instrument: 'hook-cautery', structure: 'common-bile-duct', distanceMm: 3 }]);
    watch.step(3, hands('hook-cautery', [0.05, 1.005, 0]), out); // still inside: no new warning
    expect(out).toHaveLength(1);
    watch.step(4, hands('hook-cautery', [0.05, 1.05, 0]), out);
    watch.step(5, hands('hook-cautery', [0.05, 1.006, 0]), out); // a second entry warns again
    expect(out).toHaveLength(2);
  });

  it('ignores instruments that cannot cut, clip or burn', () => {
    const watch = new DangerWatch(protocol, tubes);
    const out: DangerWarning[] = [];
    watch.step(1, hands('atraumatic-grasper', [0.05, 1.004, 0]), out);
    expect(out).toEqual([]);
  });

  it('protocol files name danger zones by known structures', () => {
    expect(protocol.dangerZones.map((z) => z.structure)).toContain('common-bile-duct');
    const broken = readFileSync(file, 'utf8').replace('- { structure: common-bile-duct, withinMm: 5', '- { structure: common-bile-dcut, withinMm: 5');
    const result = loadProtocol(broken, file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join('\n')).toMatch(/common-bile-duct/);
  });
});
