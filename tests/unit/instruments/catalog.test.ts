import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INSTRUMENTS, instrumentSpec, trayOf } from '../../../src/core/world/instruments/catalog.ts';
import { CLIPS_PER_MAGAZINE, fireClip, fullMagazine, loadClip } from '../../../src/core/world/instruments/clip-magazine.ts';

const PROCEDURES = join(import.meta.dirname, '../../../procedures');

describe('instrument catalog', () => {
  const files = readdirSync(PROCEDURES).filter((f) => f.endsWith('.yaml'));
  for (const file of files) {
    it(`has every instrument ${file} names`, () => {
      const protocol = parse(readFileSync(join(PROCEDURES, file), 'utf8')) as { instruments: { id: string }[] };
      for (const { id } of protocol.instruments) expect(instrumentSpec(id), id).toBeDefined();
    });
  }

  it('has unique ids and unique tray slots per access kind', () => {
    expect(new Set(INSTRUMENTS.map((i) => i.id)).size).toBe(INSTRUMENTS.length);
    for (const access of ['open', 'laparoscopic'] as const) {
      const slots = trayOf(access).map((i) => i.traySlot);
      expect(new Set(slots).size).toBe(slots.length);
    }
  });

  it.each([
    ['clip-applier', 'clip-applier', 'laparoscopic', { clips: true, cuts: false, cauterises: false }],
    ['hook-cautery', 'energy', 'laparoscopic', { clips: false, cuts: false, cauterises: true }],
    ['laparoscopic-scissors', 'scissors', 'laparoscopic', { clips: false, cuts: true, cauterises: false }],
    ['scalpel', 'blade', 'open', { clips: false, cuts: true, cauterises: false }],
    ['skin-marker', 'marker', 'open', { clips: false, cuts: false, cauterises: false }],
    ['needle', 'needle', 'open', { clips: false, cuts: false, cauterises: false }],
  ] as const)('%s is a %s %s instrument', (id, kind, access, flags) => {
    const spec = instrumentSpec(id)!;
    expect(spec.kind).toBe(kind);
    expect(spec.access).toBe(access);
    expect({ clips: spec.clips, cuts: spec.cuts, cauterises: spec.cauterises }).toEqual(flags);
    expect(spec.jawLength).toBeGreaterThan(0);
  });

  it('knows no empty hand or unknown id', () => {
    expect(instrumentSpec(null)).toBeUndefined();
    expect(instrumentSpec('spoon')).toBeUndefined();
  });
});

describe('clip magazine', () => {
  it('loads a clip after each fire until it runs out', () => {
    const m = fullMagazine(3);
    const fired: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      fired.push(fireClip(m));
      fired.push(fireClip(m)); // closing again without opening fires nothing
      loadClip(m);
    }
    expect(fired).toEqual([true, false, true, false, true, false, false, false, false, false]);
    expect(m).toEqual({ remaining: 0, loaded: false });
  });

  it('starts full', () => {
    expect(fullMagazine()).toEqual({ remaining: CLIPS_PER_MAGAZINE - 1, loaded: true });
  });
});
