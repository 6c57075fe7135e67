import { describe, expect, it } from 'vitest';
import { quantiseInput } from '../../../src/core/kernel/quantise.ts';
import { idleInput } from '../../../src/core/kernel/input.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { Replayer } from '../../../src/core/recording/replayer.ts';
import { SCRUB_FORMAT_VERSION, ScrubWriter, assembleScrub, readScrub, scrubBlock } from '../../../src/core/recording/scrub-file.ts';
import { protocol } from '../../support/experts.ts';
import { recordScript, TEST_INFO } from '../../support/recordings.ts';
import { expectScrubError } from '../../support/scrub-errors.ts';

/** Every shipped script: the experts and the scripted mistakes. */
const SCRIPTS = [
  'fls-peg-transfer',
  'lap-chole-cvs',
  'elliptical-excision',
  'interrupted-suture',
  'fls-peg-transfer.drop-out-of-view',
  'lap-chole-cvs.cut-unclipped',
  'lap-chole-cvs.clip-bile-duct',
  'lap-chole-cvs.burn-near-duct',
  'elliptical-excision.margin-too-small',
];

describe.each(SCRIPTS)('recording of %s', (name) => {
  it('round-trips: the file holds the header, the input the core consumed and every action and finding; replay reproduces them and the final state', () => {
    const { script, attempt, bytes } = recordScript(name);
    const rec = readScrub(bytes);
    expect(rec.formatVersion).toBe(SCRUB_FORMAT_VERSION);
    expect(rec.header).toMatchObject({
      protocol: { id: script.procedure, version: attempt.protocol.version },
      seed: script.seed,
      mode: 'assess',
      tickHz: 120,
      learner: 'Test Learner',
      handedness: 'right',
      inputKind: 'script',
      startedAt: '2026-12-01T09:00:00.000Z',
    });
    expect(rec.header.variant).toBe(attempt.variant?.id ?? null);
    const player = new KeyframePlayer(script);
    expect(rec.ticks).toBe(player.ticks);
    for (const tick of [0, 1, Math.floor(player.ticks / 2), player.ticks - 1]) {
      expect(rec.inputAt(tick)).toEqual(quantiseInput(player.inputAt(tick), idleInput()));
    }
    const recorded = [...rec.events, ...rec.trailer!.finish];
    expect(recorded.flatMap((e) => ('action' in e ? [e.action] : []))).toEqual(JSON.parse(JSON.stringify(attempt.actions)));
    expect(recorded.flatMap((e) => ('finding' in e ? [e.finding] : []))).toEqual(JSON.parse(JSON.stringify(attempt.findingLog)));
    expect(rec.trailer).toMatchObject({ stateHash: attempt.stateHash(), endedAt: '2026-12-01T09:05:00.000Z', ticks: player.ticks });

    const replayer = Replayer.of(rec, attempt.protocol, { appVersion: '0.1.0' });
    const result = replayer.verify({ snapshotEvery: 0 });
    expect(result).toEqual({ ok: true, ticks: player.ticks, stateHash: attempt.stateHash(), divergence: null, appVersionDiffers: false });
    expect(replayer.report()).toEqual(attempt.report());
    // Deterministic: a second recording of the same script is the same file, byte for byte.
    expect(recordScript(name).bytes).toEqual(bytes);
  }, 240_000);
});

describe('seeking', () => {
  it('restores the nearest snapshot and re-simulates: the state after any tick is the straight run’s', () => {
    const { bytes } = recordScript('lap-chole-cvs.cut-unclipped');
    const replayer = Replayer.load(bytes, protocol('lap-chole-cvs'));
    expect(replayer.verify({ snapshotEvery: 60 }).ok).toBe(true);
    const straight = Replayer.load(bytes, protocol('lap-chole-cvs'));
    const hashes = new Map<number, string>();
    const targets = [0, 1, 59, 60, 61, 250, 400, straight.recording.ticks];
    for (const t of [...targets].sort((a, b) => a - b)) hashes.set(t, straight.seek(t).stateHash());
    // Backwards and forwards, far and near.
    for (const t of [400, 61, 250, 0, 60, straight.recording.ticks, 59, 1]) {
      expect(replayer.seek(t).stateHash(), `tick ${t}`).toBe(hashes.get(t));
      expect(replayer.seek(t).world.ticks).toBe(t);
    }
    expect(replayer.eventsUpTo(10_000).length).toBe(replayer.recording.events.length);
    expect(replayer.eventsUpTo(0)).toEqual([]);
  }, 120_000);
});

describe('verification reports the first divergence, never hides it', () => {
  const { attempt, bytes } = recordScript('lap-chole-cvs.cut-unclipped');
  const rec = readScrub(bytes);

  /** The same recording re-written with `edit` applied to the input of each tick. */
  function rewritten(edit: (tick: number, input: ReturnType<typeof idleInput>) => void, stateHash = rec.trailer!.stateHash): Uint8Array {
    const writer = new ScrubWriter({ ...TEST_INFO, protocol: rec.header.protocol, seed: rec.header.seed, variant: rec.header.variant, mode: rec.header.mode });
    const parts = [writer.headerBytes()];
    let e = 0;
    for (let t = 0; t < rec.ticks; t++) {
      const input = rec.inputAt(t);
      edit(t, input);
      const actions = [];
      const findings = [];
      for (; e < rec.events.length && rec.events[e]!.tick === t; e++) {
        const ev = rec.events[e]!;
        if ('action' in ev) actions.push(ev.action);
        else findings.push(ev.finding);
      }
      const chunk = writer.tick(input, { actions, findings });
      if (chunk) parts.push(chunk);
    }
    const finish = rec.trailer!.finish;
    parts.push(
      ...writer.finish({
        endedAt: null,
        stateHash,
        actions: finish.flatMap((f) => ('action' in f ? [f.action] : [])),
        findings: finish.flatMap((f) => ('finding' in f ? [f.finding] : [])),
      }),
    );
    return assembleScrub(parts);
  }

  it('an unchanged re-write verifies', () => {
    expect(
      Replayer.load(
        rewritten(() => {}),
        attempt.protocol,
      ).verify({ snapshotEvery: 0 }).ok,
    ).toBe(true);
  }, 60_000);

  it('a changed input shows up as a different action (tick and what), or at the latest as a different final state', () => {
    const result = Replayer.load(
      rewritten((t, input) => {
        if (t >= 200) input.hands.right.pose.position[0] += 0.01;
      }),
      attempt.protocol,
    ).verify({ snapshotEvery: 0 });
    expect(result.ok).toBe(false);
    expect(result.divergence!.what).toMatch(/^(tick \d+: recorded .*, re-simulated .*|final state hash [0-9a-f]+, recorded [0-9a-f]+)/);
    if (result.divergence!.tick !== null) expect(result.divergence!.tick).toBeGreaterThanOrEqual(200);
  }, 60_000);

  it('a different final state hash is reported, with the app versions when they differ', () => {
    const result = Replayer.load(
      rewritten(() => {}, 'deadbeef'),
      attempt.protocol,
      { appVersion: '9.9.9' },
    ).verify({ snapshotEvery: 0 });
    expect(result).toMatchObject({ ok: false, appVersionDiffers: true });
    expect(result.divergence).toEqual({
      tick: null,
      what: `final state hash ${attempt.stateHash()}, recorded deadbeef (recorded by scrub 0.1.0, replayed by 9.9.9)`,
    });
  }, 60_000);
});

describe('readScrub names what is wrong', () => {
  const { bytes } = recordScript('fls-peg-transfer', { ticks: 300, chunkTicks: 120 });

  it('not a recording', () => expectScrubError(() => readScrub(new TextEncoder().encode('{"format": "scrub"}')), 'bad-magic', /not a \.scrub recording/));

  it('a newer format version', () => {
    const b = bytes.slice();
    b[8] = SCRUB_FORMAT_VERSION + 1;
    expectScrubError(() => readScrub(b), 'unsupported-version', new RegExp(`format version ${SCRUB_FORMAT_VERSION + 1} is newer than this app reads`));
  });

  it('the one-handed mode: false unless said (version 4 on), refused in the header of an older version', () => {
    expect(readScrub(bytes).header.oneHanded).toBe(false);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(13, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(17, 17 + headerLength)));
    const asVersion = (version: number, oneHanded: boolean | undefined) => {
      const prefix = bytes.slice(0, 12);
      prefix[8] = version;
      const block = scrubBlock(0x48, new TextEncoder().encode(JSON.stringify({ ...header, formatVersion: version, oneHanded })));
      return assembleScrub([prefix, block, bytes.subarray(12 + 9 + headerLength)]);
    };
    expect(readScrub(asVersion(4, true)).header.oneHanded).toBe(true);
    expect(readScrub(asVersion(3, undefined)).header.oneHanded).toBeUndefined();
    expectScrubError(() => readScrub(asVersion(3, true)), 'malformed', /the header names the one-handed mode, which format version 3 does not have/);
  });

  it('a damaged chunk, by number', () => {
    const rec = readScrub(bytes);
    const b = bytes.slice();
    // The second chunk starts after the prefix, the header block and the first chunk: damage its middle.
    const headerEnd = bytes.length - rec.chunkBytes.reduce((a, n) => a + n, 0) - trailerBytes(bytes);
    b[headerEnd + rec.chunkBytes[0]! + 30]! ^= 0x10;
    expectScrubError(() => readScrub(b), 'checksum', /^chunk 1 \(byte \d+\) is damaged: its CRC-32 does not match$/);
  });

  it('a cut file, with the byte', () => {
    const at = bytes.length - trailerBytes(bytes) - 100;
    expectScrubError(
      () => readScrub(bytes.subarray(0, at)),
      'truncated',
      new RegExp(`^truncated at byte ${at}: chunk 2 \\(byte \\d+\\) needs \\d+ bytes, \\d+ remain$`),
    );
  });

  it('no trailer: unfinished, unless asked to read what is there', () => {
    const cut = bytes.subarray(0, bytes.length - trailerBytes(bytes));
    expectScrubError(() => readScrub(cut), 'unfinished', /no trailer after 3 chunks \(300 ticks\)/);
    expect(readScrub(cut, { allowUnfinished: true })).toMatchObject({ ticks: 300, trailer: null });
  });

  it('a chunk left out', () => {
    const rec = readScrub(bytes);
    const start = bytes.length - rec.chunkBytes.reduce((a, n) => a + n, 0) - trailerBytes(bytes);
    const b = assembleScrub([bytes.subarray(0, start + rec.chunkBytes[0]!), bytes.subarray(start + rec.chunkBytes[0]! + rec.chunkBytes[1]!)]);
    expectScrubError(() => readScrub(b), 'malformed', /chunk 2 where chunk 1 should be/);
  });

  it('another protocol', () => {
    expectScrubError(
      () => Replayer.load(bytes, protocol('lap-chole-cvs')),
      'protocol-mismatch',
      /recorded with protocol fls-peg-transfer .*, replaying with lap-chole-cvs/,
    );
  });
});

/** Bytes of the trailer block: the last block, found by walking the blocks. */
function trailerBytes(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 12;
  let last = 0;
  while (o < bytes.length) {
    last = 9 + view.getUint32(o + 1, true);
    o += last;
  }
  return last;
}
