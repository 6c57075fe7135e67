import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProtocol } from '../../../src/core/procedure/index.ts';
import { nextVariant, recommend, type AttemptRecord } from '../../../src/core/progress/index.ts';
import { procedurePlan } from '../../../src/app/procedure-plan.ts';

const file = join(import.meta.dirname, '../../../procedures/lap-chole-cvs.yaml');
const loaded = loadProtocol(readFileSync(file, 'utf8'), file);
if (!loaded.ok) throw new Error('lap-chole-cvs.yaml does not load');

describe('practice rotates the virtual patient', () => {
  const plan = procedurePlan(loaded.protocol);

  it('requires the double cystic artery before proficiency, as the protocol says', () => {
    expect(plan.requiredVariants).toEqual(['double-cystic-artery']);
  });

  it('brings the required patient forward until the learner has passed it', () => {
    const passedStandard = {
      procedure: 'lap-chole-cvs',
      mode: 'practice',
      variant: 'standard',
      endedAtMs: 1,
      timeSec: 300,
      report: { passed: true },
    } as unknown as AttemptRecord;
    expect(nextVariant([], plan)).toBe('double-cystic-artery');
    expect(nextVariant([passedStandard], plan)).toBe('double-cystic-artery');
  });
});

describe('the shipped protocols and a learner with no attempts', () => {
  it("recommend the shortest introductory task first (camera navigation), from the protocols' data, whatever the catalogue order", () => {
    const dir = join(import.meta.dirname, '../../../procedures');
    const protocols = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => {
        const r = loadProtocol(readFileSync(join(dir, f), 'utf8'), f);
        if (!r.ok) throw new Error(`${f} does not load`);
        return r.protocol;
      })
      .sort((a, b) => a.title.localeCompare(b.title));
    expect(protocols[0]?.difficulty).not.toBe('introductory');
    const introductory = protocols.filter((p) => p.difficulty === 'introductory').map((p) => [p.id, p.estimatedMinutes]);
    expect(introductory).toEqual(
      expect.arrayContaining([
        ['fls-peg-transfer', 5],
        ['lap-camera-navigation', 3],
      ]),
    );
    expect(recommend([], protocols.map(procedurePlan), 0)).toMatchObject({ procedure: 'lap-camera-navigation', mode: 'learn', reason: 'first-task' });
    // Made harder, the drill gives way to the next shortest introductory task: the data decides, not the id.
    const harder = protocols.map((p) => (p.id === 'lap-camera-navigation' ? { ...p, difficulty: 'intermediate' as const } : p));
    expect(recommend([], harder.map(procedurePlan), 0)).toMatchObject({ procedure: 'fls-peg-transfer', reason: 'first-task' });
  });
});
