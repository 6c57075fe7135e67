import { describe, expect, it } from 'vitest';
import { StepSplits, TrajectoryCsvError, parseTrajectoryCsv, stepMetrics } from '../../../src/core/metrics/index.ts';

describe('trajectory CSV', () => {
  it('splits rows by hand, in order of first appearance, with optional columns', () => {
    const tracks = parseTrajectoryCsv('# a comment\nhand,t,x,y,z,in_view,force\nright,0,0,0,0,1,0\nleft,0,1,1,1,true,0\n\nright,0.5,1,0,0,0,2.5\n');
    expect(tracks.map((t) => t.hand)).toEqual(['right', 'left']);
    expect(tracks[0]!.track).toEqual({ t: [0, 0.5], x: [0, 1], y: [0, 0], z: [0, 0], inView: [true, false], force: [0, 2.5] });
  });
  it('calls a file without a hand column "all"', () => {
    expect(parseTrajectoryCsv('t,x,y,z\n0,0,0,0\n').map((t) => t.hand)).toEqual(['all']);
  });
  it.each([
    ['t,x,y\n0,0,0', 1, /no column 'z'/],
    ['t,x,y,z,speed\n0,0,0,0,1', 1, /unknown column 'speed'/],
    ['t,x,y,z\n0,0,0,0\n1,0,0', 3, /expected 4 fields, found 3/],
    ['t,x,y,z\n0,0,0,0\n1,0,nan,0', 3, /y is not a decimal number/],
    ['t,x,y,z\n0,0,0,0\n\n0,1,0,0', 4, /does not increase/],
    ['t,x,y,z,in_view\n0,0,0,0,maybe', 2, /in_view must be/],
    ['t,x,y,z\n', 1, /no samples/],
    ['', 1, /empty file/],
  ])('reports %j at line %i', (text, line, message) => {
    try {
      parseTrajectoryCsv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TrajectoryCsvError);
      expect((error as TrajectoryCsvError).line).toBe(line);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(new RegExp(`^line ${line}: `));
    }
  });
});

describe('per-step metrics', () => {
  const track = { t: [0, 1, 2, 3, 4], x: [0, 1, 2, 2, 5], y: [0, 0, 0, 0, 0], z: [0, 0, 0, 0, 0] };
  it('duration, errors and path length per step window', () => {
    const steps = [
      { id: 'expose', start: 0, end: 2 },
      { id: 'clip', start: 2, end: 4 },
      { id: 'divide', start: null, end: null },
    ];
    const errors = [{ step: 'clip' }, { step: 'clip' }, { step: null }];
    expect(stepMetrics(steps, errors, [track, track])).toEqual([
      { id: 'expose', duration: 2, errors: 0, pathLength: 4 },
      { id: 'clip', duration: 2, errors: 2, pathLength: 6 },
      { id: 'divide', duration: null, errors: 0, pathLength: null },
    ]);
  });
  it('streaming splits subtract the running path length and movements', () => {
    let pl = 0;
    let movements = 0;
    const splits = new StepSplits(() => ({ pathLength: pl, movements }));
    pl = 1;
    splits.start('a');
    pl = 3.5;
    movements = 2;
    expect(splits.of('a')).toEqual({ pathLength: 2.5, movements: 2 });
    splits.end('a');
    pl = 10;
    movements = 7;
    expect(splits.of('a')).toEqual({ pathLength: 2.5, movements: 2 });
    expect(splits.of('b')).toBeNull();
    const restored = new StepSplits(() => ({ pathLength: pl, movements }));
    restored.load(JSON.parse(JSON.stringify(splits.save())));
    expect(restored.of('a')).toEqual({ pathLength: 2.5, movements: 2 });
    expect(restored.steps()).toEqual(['a']);
  });
});
