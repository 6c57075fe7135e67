import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idleInput } from '../../../src/core/kernel/input.ts';
import { quantiseInput } from '../../../src/core/kernel/quantise.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { expertScript } from '../../support/experts.ts';

/**
 * A file written by the first version of the format (2026-12-06), committed and never re-written: every later
 * version of the reader must still load it. (Its simulation may drift as the core changes; its content may not.)
 */
const V1 = join(import.meta.dirname, '../../fixtures/recordings/v1-lap-chole-cvs.cut-unclipped.scrub');

describe('format version 1 keeps loading', () => {
  const rec = readScrub(new Uint8Array(readFileSync(V1)));

  it('reads the header as written', () => {
    expect(rec.formatVersion).toBe(1);
    expect(rec.header).toEqual({
      format: 'scrub',
      formatVersion: 1,
      app: { name: 'scrub', version: '0.1.0' },
      protocol: { id: 'lap-chole-cvs', version: rec.header.protocol.version, hash: rec.header.protocol.hash },
      seed: 1,
      variant: 'standard',
      mode: 'assess',
      tickHz: 120,
      learner: 'First Version',
      handedness: 'right',
      inputKind: 'script',
      startedAt: '2026-12-06T20:00:00.000Z',
      quanta: { position: 131072, orientation: 131072, jaw: 16384 },
      chunkTicks: 120,
      head: false,
    });
    expect(rec.trailer).toMatchObject({ ticks: 505, chunks: 5, endedAt: '2026-12-01T09:05:00.000Z' });
  });

  it('gives back the script’s input on the grid, tick for tick', () => {
    const player = new KeyframePlayer(expertScript('lap-chole-cvs.cut-unclipped'));
    expect(rec.ticks).toBe(player.ticks);
    for (let tick = 0; tick < rec.ticks; tick++) expect(rec.inputAt(tick)).toEqual(quantiseInput(player.inputAt(tick), idleInput()));
  });

  it('holds the actions and findings as they happened', () => {
    const actions = rec.events.flatMap((e) => ('action' in e ? [e.action.type] : []));
    expect(actions).toContain('cut');
    expect([...rec.events, ...rec.trailer!.finish].some((e) => 'finding' in e && e.finding.type === 'error' && e.finding.code === 'cut-unclipped')).toBe(true);
  });
});
