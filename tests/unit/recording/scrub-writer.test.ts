import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Rng, type ToolInput, idleInput } from '../../../src/core/kernel/index.ts';
import { QUANTA, quantise, quantiseInput } from '../../../src/core/kernel/quantise.ts';
import { INPUT_CHANNELS, ScrubFileError, ScrubWriter, assembleScrub, readScrub, scrubBlock } from '../../../src/core/recording/scrub-file.ts';
import { TEST_INFO } from '../../support/recordings.ts';

const HEADER = { ...TEST_INFO, protocol: { id: 'p', version: '1', hash: '0' }, seed: 3, variant: null, mode: 'practice' as const };

function randomInput(rng: Rng, tick: number): ToolInput {
  const input = idleInput();
  for (const hand of ['left', 'right'] as const) {
    const h = input.hands[hand];
    // Held stretches and jumps, as a mouse gives; sometimes far out and negative.
    if (tick % 7 < 3) {
      h.pose.position = [Math.sin(tick / 50) * 0.2, 1 + rng.next() * 1e-4, -0.4 - rng.next() * 3];
      h.pose.orientation = [rng.next() * 2 - 1, rng.next() * 2 - 1, rng.next() * 2 - 1, rng.next()];
    }
    h.jaw = rng.next();
    h.buttons = rng.int(8);
    h.instrument = [null, 'scalpel', 'adson-forceps', 'needle-driver', 'mosquito-haemostat'][rng.int(5)]!;
  }
  return input;
}

describe('ScrubWriter and readScrub', () => {
  it('give back every tick on the grid, head poses and events, across chunks of any size', () => {
    const rng = new Rng(7);
    const writer = new ScrubWriter({ ...HEADER, chunkTicks: 50, head: true });
    const parts = [writer.headerBytes()];
    const inputs: ToolInput[] = [];
    const heads: [number, number, number][] = [];
    for (let tick = 0; tick < 777; tick++) {
      const input = randomInput(rng, tick);
      inputs.push(input);
      heads.push([rng.next(), 1.6 + rng.next() * 0.01, rng.next()]);
      const chunk = writer.tick(input, {
        head: { position: heads[tick]!, orientation: [0, 0.6, 0, 0.8] },
        ...(tick % 100 === 9 ? { actions: [{ tick, t: tick / 120, type: 'idle' } as never], findings: [{ type: 'timer-started', t: tick / 120 }] } : {}),
      });
      if (chunk) parts.push(chunk);
      if (tick === 321) parts.push(writer.flush()!);
    }
    parts.push(...writer.finish({ endedAt: null, stateHash: 'abc' }));
    const rec = readScrub(assembleScrub(parts));
    expect(rec.ticks).toBe(777);
    expect(rec.chunkBytes.length).toBe(17);
    for (let tick = 0; tick < 777; tick++) {
      expect(rec.inputAt(tick)).toEqual(quantiseInput(inputs[tick]!, idleInput()));
      expect(rec.headAt(tick)!.position).toEqual(heads[tick]!.map((x) => quantise(x, QUANTA.position)));
    }
    expect(rec.events.map((e) => e.tick)).toEqual([9, 9, 109, 109, 209, 209, 309, 309, 409, 409, 509, 509, 609, 609, 709, 709]);
    expect(rec.trailer).toEqual({ ticks: 777, chunks: 17, endedAt: null, stateHash: 'abc', finish: [] });
  });

  it('quantising is idempotent: a grid value read back is on the grid', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 10_000; i++) {
      const x = (rng.next() - 0.5) * 10;
      const q = quantise(x, QUANTA.position);
      expect(quantise(q, QUANTA.position)).toBe(q);
      expect(Math.abs(q - x)).toBeLessThanOrEqual(0.5 / QUANTA.position);
    }
  });

  it('puts a value just below zero on +0, as the recording reads it back: no −0 reaches the simulation', () => {
    const input = idleInput();
    input.hands.left.pose.position[0] = -1e-7;
    input.hands.left.pose.orientation[1] = -2e-6;
    input.hands.right.jaw = -1e-6;
    input.scope = { pan: -1e-4, tilt: 0, zoom: 0, roll: 0 };
    const grid = quantiseInput(input, idleInput());
    expect(Object.is(grid.hands.left.pose.position[0], 0)).toBe(true);
    expect(Object.is(grid.hands.left.pose.orientation[1], 0)).toBe(true);
    expect(Object.is(grid.hands.right.jaw, 0)).toBe(true);
    expect(Object.is(grid.scope!.pan, 0)).toBe(true);
    expect(Object.is(quantise(-1e-9, QUANTA.position), 0)).toBe(true);
    const writer = new ScrubWriter({ ...HEADER, scope: true });
    const rec = readScrub(
      assembleScrub(
        [writer.headerBytes(), writer.tick(input) ?? new Uint8Array(), ...writer.finish({ endedAt: null, stateHash: 'x' })].filter((b) => b.length > 0),
      ),
    );
    expect(Object.is(rec.inputAt(0).hands.left.pose.orientation[1], grid.hands.left.pose.orientation[1])).toBe(true);
  });

  it('refuses input it cannot hold, naming the tick', () => {
    const writer = new ScrubWriter(HEADER);
    writer.tick(idleInput());
    const bad = idleInput();
    bad.hands.right.pose.position[1] = Number.NaN;
    expect(() => writer.tick(bad)).toThrow('tick 1: right position is NaN, which a recording cannot hold');
  });

  it('keeps a still minute small: ≈ 80 bytes a one-second chunk', () => {
    const writer = new ScrubWriter(HEADER);
    const parts = [writer.headerBytes()];
    for (let tick = 0; tick < 7200; tick++) {
      const chunk = writer.tick(idleInput());
      if (chunk) parts.push(chunk);
    }
    parts.push(...writer.finish({ endedAt: null, stateHash: '0' }));
    expect(assembleScrub(parts).length).toBeLessThan(6000);
  });
});

/** A chunk block (index 0, two ticks) whose decompressed body lists `scalpel` and holds these delta-coded columns. */
function craftedChunk(columns: (ch: number) => readonly number[]): { block: Uint8Array; bodyBefore: (ch: number) => number } {
  const body: number[] = [];
  const uvar = (v: number) => {
    for (; v >= 0x80; v = Math.floor(v / 0x80)) body.push((v % 0x80) + 0x80);
    body.push(v);
  };
  const name = strToU8('scalpel');
  uvar(1);
  uvar(name.length);
  body.push(...name);
  const starts: number[] = [];
  for (let ch = 0; ch < INPUT_CHANNELS; ch++) {
    starts.push(body.length);
    let prev = 0;
    for (const v of columns(ch)) {
      const d = v - prev;
      uvar(d < 0 ? -2 * d - 1 : 2 * d);
      prev = v;
    }
  }
  starts.push(body.length);
  uvar(2);
  body.push(...strToU8('[]'));
  const packed = deflateSync(Uint8Array.from(body));
  const payload = new Uint8Array(12 + packed.length);
  new DataView(payload.buffer).setUint16(8, 2, true); // index 0, first tick 0, 2 ticks, no flags
  payload.set(packed, 12);
  return { block: scrubBlock(0x43, payload), bodyBefore: (ch) => starts[ch]! };
}

describe('a chunk whose input columns are wrong', () => {
  const header = new ScrubWriter(HEADER).headerBytes();
  /** Where the chunk's payload starts in the file: the decompressed body's offsets are counted from there. */
  const at = header.length + 5;

  function problem(columns: (ch: number) => readonly number[]): ScrubFileError {
    const { block } = craftedChunk(columns);
    try {
      readScrub(assembleScrub([header, block]));
    } catch (error) {
      if (error instanceof ScrubFileError) return error;
      throw error;
    }
    throw new Error('expected a ScrubFileError');
  }

  it('names an instrument the chunk does not list, the tick and the byte where that column ends', () => {
    // The left hand's instrument column (9): tick 1 names instrument 2, the chunk lists one.
    const columns = (ch: number) => (ch === 9 ? [1, 2] : [0, 0]);
    const error = problem(columns);
    const end = at + craftedChunk(columns).bodyBefore(10);
    expect(error.code).toBe('malformed');
    expect(error.message).toBe(`chunk 0 (decompressed): tick 1 names instrument 2, the chunk lists 1 (at byte ${end})`);
    expect(error.offset).toBe(end);
  });

  it('names negative buttons, the tick and the byte where that column ends (the right hand too)', () => {
    const columns = (ch: number) => (ch === 18 ? [0, -1] : [0, 0]);
    const error = problem(columns);
    const end = at + craftedChunk(columns).bodyBefore(19);
    expect(error.message).toBe(`chunk 0 (decompressed): tick 1 has negative buttons (at byte ${end})`);
    expect(error.offset).toBe(end);
  });

  it('reads the same columns when they are right (the crafted chunk is otherwise a valid one)', () => {
    const columns = (ch: number) => (ch === 9 ? [1, 1] : ch === 18 ? [0, 4] : [0, 0]);
    // No trailer: the reader gets past the chunk and stops at the end.
    expect(() => readScrub(assembleScrub([header, craftedChunk(columns).block]))).toThrow(/no trailer|unfinished/);
  });
});
