// An IndexedDB for Node, installed before Dexie loads.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { idleInput, type ToolInput } from '../../../src/core/kernel/input.ts';
import { AttemptStore, type StoredAttempt, progressRecord } from '../../../src/app/storage/attempts.ts';
import { packInputLog, tipPath, unpackInputLog } from '../../../src/app/storage/input-log.ts';
import { SettingsStore } from '../../../src/app/storage/settings.ts';

function inputs(): ToolInput[] {
  const log: ToolInput[] = [];
  for (let i = 0; i < 300; i++) {
    const input = idleInput();
    // Changes every other tick, as a mouse does at 60 fps with 120 Hz ticks; awkward doubles on purpose.
    const k = Math.floor(i / 2);
    input.hands.right.pose.position = [0.1 + k * 1e-3 + Math.PI * 1e-9, 0.9 + Math.sin(k) / 3, -0.3];
    input.hands.right.jaw = k % 5 === 0 ? 1 : 0;
    input.hands.right.instrument = k % 7 === 0 ? 'grasper-b' : 'grasper';
    input.hands.left.buttons = k % 3;
    log.push(input);
  }
  return log;
}

const attempt = (id: string, profileId: string, procedure: string, endedAtMs: number): StoredAttempt => ({
  formatVersion: 1,
  id,
  profileId,
  procedure,
  version: '0.3.0',
  variant: 'right-handed',
  mode: 'practice',
  seed: 7,
  startedAtMs: endedAtMs - 60_000,
  endedAtMs,
  report: {
    procedure,
    version: '0.3.0',
    variant: 'right-handed',
    mode: 'practice',
    outcome: 'completed',
    passed: true,
    score: 250,
    steps: [],
    errors: [],
    metrics: { durationSec: 40, timerSec: 38, stepDurationsSec: {}, errorCounts: { minor: 0, major: 0, critical: 0 }, actions: 3, proficient: true },
  },
  speeds: { left: { t: new Float32Array(0), v: new Float32Array(0) }, right: { t: Float32Array.of(0, 1), v: Float32Array.of(0.1, 0.2) } },
  paths: { left: new Float32Array(0), right: Float32Array.of(0, 1, 2) },
});

describe('packed input log', () => {
  it('unpacks to exactly the logged inputs (every double bit for bit), one record per run', () => {
    const log = inputs();
    const packed = packInputLog(log);
    expect(packed.ticks).toBe(300);
    expect(packed.runs.length).toBe(150);
    expect(packed.instruments).toEqual(['grasper-b', 'grasper']);
    expect(unpackInputLog(packed)).toEqual(log);
    expect(unpackInputLog(packed)[123]!.hands.right.pose.position[0]).toBe(log[123]!.hands.right.pose.position[0]);
  });

  it('thins a tip path to the points asked for', () => {
    const path = tipPath(packInputLog(inputs()), 'right', 100);
    expect(path.length / 3).toBeLessThanOrEqual(100);
    expect(path[0]).toBeCloseTo(0.1, 6);
  });
});

describe('attempt store (IndexedDB)', () => {
  it('keeps profiles and their attempts across connections; settings live in another database', async () => {
    const store = new AttemptStore('scrub-test-attempts');
    const ada = await store.createProfile(' Ada ', 'p1', 1);
    await store.createProfile('Ben', 'p2', 2);
    await expect(store.createProfile('  ', 'p3', 3)).rejects.toThrow(/name/);
    const log = packInputLog(inputs());
    await store.saveWithInputLog(attempt('a2', 'p1', 'fls-peg-transfer', 2000), log);
    await store.saveWithInputLog(attempt('a1', 'p1', 'fls-peg-transfer', 1000), log);
    await store.saveWithInputLog(attempt('a1', 'p1', 'fls-peg-transfer', 1000), log); // saved twice: still one
    await store.saveWithInputLog(attempt('b1', 'p2', 'fls-peg-transfer', 1500), log);
    await store.saveWithInputLog(attempt('a3', 'p1', 'lap-chole-cvs', 3000), log);
    store.close();

    const reopened = new AttemptStore('scrub-test-attempts');
    expect((await reopened.profiles()).map((p) => p.name)).toEqual(['Ada', 'Ben']);
    expect(ada.name).toBe('Ada');
    expect((await reopened.attemptsOf('p1', 'fls-peg-transfer')).map((a) => a.id)).toEqual(['a1', 'a2']);
    expect((await reopened.attemptsOf('p1')).map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    const stored = (await reopened.attemptsOf('p2'))[0]!;
    expect(stored.speeds.right.v).toBeInstanceOf(Float32Array);
    expect(progressRecord(stored)).toMatchObject({ procedure: 'fls-peg-transfer', timeSec: 38, endedAtMs: 1500 });
    expect(unpackInputLog((await reopened.inputLog('a1'))!)).toEqual(inputs());
    expect(await reopened.inputLog('missing')).toBeNull();
    reopened.close();

    const settings = new SettingsStore('scrub-test-settings');
    await settings.set('lrs', { endpoint: 'http://127.0.0.1:1/xapi/', username: 'u', password: 'secret-pw' });
    expect((await settings.get('lrs'))?.password).toBe('secret-pw');
    await settings.set('lrs', null);
    expect(await settings.get('lrs')).toBeNull();
    settings.close();
  });
});
