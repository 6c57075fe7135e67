import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SoakSample, checkRecording, nonFinite, soak, soakGrowth } from '../../../bench/soak.ts';
import { idleInput } from '../../../src/core/kernel/index.ts';
import { loadProtocol } from '../../../src/core/procedure/index.ts';
import { KeyframePlayer, parseKeyframeScript } from '../../../src/core/recording/keyframes.ts';
import { attemptForScript } from '../../../src/core/recording/play.ts';
import { AttemptRecorder } from '../../../src/core/recording/replayer.ts';
import { assembleScrub } from '../../../src/core/recording/scrub-file.ts';

/** Five rounds of one procedure: the first (warm-up) heavy, then flat, except what `late` changes in rounds 4–5. */
function samples(late: Partial<SoakSample> = {}): SoakSample[] {
  return [1, 2, 3, 4, 5].map((round) => ({
    procedure: 'p',
    round,
    complete: true,
    ticks: 100,
    ticksVerified: 100,
    heapMb: round === 1 ? 40 : 20,
    tickMedianMs: round === 1 ? 2 : 0.5,
    tickP95Ms: 1,
    wallS: 1,
    load1: 1,
    ...(round >= 4 ? late : {}),
  }));
}

describe('soak growth check', () => {
  it('compares the late rounds with the first after the warm-up, which it leaves out', () => {
    const { growth, problems } = soakGrowth(samples());
    expect(problems).toEqual([]);
    expect(growth).toEqual([expect.objectContaining({ procedure: 'p', rounds: 5, earlyRounds: [2, 3], lateRounds: [4, 5], heapGrowth: 0, tickGrowth: 0 })]);
  });

  it('fails heap or tick time that grows more than 10 %, and passes 9 %', () => {
    expect(soakGrowth(samples({ heapMb: 22.2 })).problems).toEqual([expect.stringMatching(/^p: heap grew 11 % \(20 → 22.2 MB/)]);
    expect(soakGrowth(samples({ tickMedianMs: 0.6 })).problems).toEqual([expect.stringMatching(/^p: median tick time grew 20 %/)]);
    expect(soakGrowth(samples({ heapMb: 21.8, tickMedianMs: 0.545 })).problems).toEqual([]);
  });

  it('fails a NaN figure instead of passing it', () => {
    expect(soakGrowth(samples({ tickMedianMs: Number.NaN })).problems).toHaveLength(1);
  });

  it('leaves out a partial last attempt, and gives no figure without two rounds after the warm-up', () => {
    const partial = [...samples(), { ...samples()[4]!, round: 6, complete: false, heapMb: 99, tickMedianMs: 9 }];
    expect(soakGrowth(partial).problems).toEqual([]);
    const { growth, problems } = soakGrowth(samples().slice(0, 2));
    expect(problems).toEqual([]);
    expect(growth[0]).toMatchObject({ heapGrowth: null, tickGrowth: null, earlyRounds: [], lateRounds: [] });
  });

  it('finds a non-finite number anywhere in a state', () => {
    expect(nonFinite({ a: [1, { b: 2 }], c: Float32Array.of(0, 1) })).toBeNull();
    expect(nonFinite({ a: [1, { b: Number.NaN }] })).toBe('state.a.1.b');
    expect(nonFinite({ c: Float64Array.of(0, Number.POSITIVE_INFINITY) })).toBe('state.c[1]');
  });
});

describe('soak recording check', () => {
  const root = join(import.meta.dirname, '../../..');
  const loaded = loadProtocol(readFileSync(join(root, 'procedures/fls-peg-transfer.yaml'), 'utf8'), 'fls-peg-transfer');
  if (!loaded.ok) throw new Error('fls-peg-transfer.yaml does not load');
  const protocol = loaded.protocol;
  const script = parseKeyframeScript(JSON.parse(readFileSync(join(root, 'assets/experts/fls-peg-transfer.json'), 'utf8')));
  const TICKS = 360;
  const attempt = attemptForScript(protocol, script);
  const recorder = new AttemptRecorder(
    attempt,
    { app: { name: 'scrub', version: 'test' }, learner: 'T', handedness: 'right', inputKind: 'script', startedAt: null },
    script.seed,
  );
  const parts = [recorder.headerBytes];
  const player = new KeyframePlayer(script);
  const input = idleInput();
  for (let tick = 0; tick < TICKS; tick++) {
    attempt.tick(player.inputAt(tick, input));
    const chunk = recorder.afterTick(input);
    if (chunk) parts.push(chunk);
  }
  attempt.finish();
  parts.push(...recorder.afterFinish(null));
  const hash = attempt.stateHash();

  it('passes a whole recording, and fails one with a chunk dropped, a tick short or another final state', () => {
    expect(checkRecording('fls', assembleScrub(parts), protocol, TICKS, hash)).toEqual({ ticksVerified: TICKS, problems: [] });
    expect(parts.length).toBeGreaterThan(3);
    const dropped = checkRecording('fls', assembleScrub(parts.filter((_, i) => i !== 2)), protocol, TICKS, hash);
    expect(dropped.problems).not.toEqual([]);
    expect(checkRecording('fls', assembleScrub(parts), protocol, TICKS + 1, hash).problems).toEqual([`fls: ${TICKS + 1} ticks played, ${TICKS} recorded`]);
    expect(checkRecording('fls', assembleScrub(parts), protocol, TICKS, 'f'.repeat(16)).problems).toEqual([
      expect.stringMatching(/^fls: final state hash f{16}, re-simulated/),
    ]);
  }, 60_000);
});

/**
 * The soak in miniature (CI plays the first procedure's opening, 6 simulated seconds): the attempt's state and
 * report stay finite and the recording made while it ran re-verifies with every tick. `npm run soak -- --minutes
 * 60` is the full soak (docs/performance.md).
 */
describe('soak', () => {
  it('plays through the core tick, records, and re-verifies with nothing dropped', () => {
    const result = soak(0.1);
    expect(result.ticks).toBe(720);
    expect(result.attempts).toBe(1);
    expect(result.problems).toEqual([]);
    expect(result.samples[0]).toMatchObject({ procedure: 'lap-chole-cvs', round: 1, complete: false, ticks: 720, ticksVerified: 720 });
    expect(result.samples[0]!.heapMb).toBeGreaterThan(0);
    expect(result.samples[0]!.tickMedianMs).toBeGreaterThan(0);
    expect(result.growth).toEqual([expect.objectContaining({ procedure: 'lap-chole-cvs', rounds: 0, heapGrowth: null })]);
  }, 120_000);
});
