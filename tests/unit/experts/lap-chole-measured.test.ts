/**
 * Live, in the hepatobiliary scene: the shipped lap-chole expert's clips, cuts and burns carry what the
 * protocol judges (docs/actions.md: `angle`, `nearest`, `nearestMm`, `across`), and keep inside its thresholds;
 * the clip-bile-duct mistake is judged a bile duct injury, not also "near" the duct it is on.
 */
import { describe, expect, it } from 'vitest';
import { play, protocol } from '../../support/experts.ts';

const p = protocol('lap-chole-cvs');
const param = (name: string) => p.parameters[name] as number;
const dangers = p.dangerZones.map((z) => z.structure);

describe('lap-chole-cvs live: the measured clip, cut and burn', () => {
  const expert = play('lap-chole-cvs').actions;
  const clips = expert.filter((a) => a.type === 'clip');
  const cuts = expert.filter((a) => a.type === 'cut');
  const burns = expert.filter((a) => a.type === 'cauterize');

  it('every clip has its angle, every clip, cut and burn its nearest danger structure; none takes two structures', () => {
    expect(clips).toHaveLength(6);
    expect(cuts).toHaveLength(2);
    expect(burns.length).toBeGreaterThan(0);
    for (const a of [...clips, ...cuts, ...burns]) {
      expect(dangers).toContain(a.nearest);
      expect(a.nearestMm).toBeGreaterThan(0);
      expect(a.across).toBeUndefined();
    }
    for (const clip of clips) expect(clip.angle).toBeGreaterThanOrEqual(0);
  });

  it("keeps the expert inside the protocol's thresholds, with room for a trembling hand", () => {
    expect(Math.max(...clips.map((c) => c.angle!))).toBeLessThan(param('maxClipObliquityDeg') - 3);
    expect(Math.min(...[...clips, ...cuts].map((c) => c.nearestMm!))).toBeGreaterThan(param('clipClearanceMm') + 2);
    expect(Math.min(...burns.map((b) => b.nearestMm!))).toBeGreaterThan(param('energyClearanceMm') + 1);
  });

  it('judges the clip on the common bile duct as a bile duct injury, measuring its distance to the other structures', () => {
    const attempt = play('lap-chole-cvs.clip-bile-duct');
    const clip = attempt.actions.find((a) => a.type === 'clip');
    expect(clip).toMatchObject({ structure: 'common-bile-duct' });
    expect(clip!.nearest).not.toBe('common-bile-duct');
    expect(attempt.report().errors.map((e) => e.code)).toEqual(['bile-duct-injury']);
  });
});
