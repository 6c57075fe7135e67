/**
 * Blood and bile in the operative field: bleeding points (a divided vessel, where it was cut), the pools
 * they fill, bile spilled from a perforated gallbladder, and what stops or clears them (a clip proximal
 * to the cut, energy on the bleeding point, pressure held on it, suction). Plain typed arrays registered
 * with the scene's state book, so snapshots, restores and state hashes cover them. Rates are the scene's
 * (`FluidRates`, set from the protocol); volumes are millilitres, times simulated seconds.
 */
import { FIXED_DT } from '../../kernel/clock.ts';

export interface FluidRates {
  /** Bleeding rate of a divided, unclipped vessel by structure id (ml/s); a structure not listed does not bleed. */
  bleedMlPerSec: Readonly<Record<string, number>>;
  /** What the suction/irrigation instrument removes from a pool its tip is in (ml/s). */
  suctionMlPerSec: number;
  /** Bile spilled by one perforation of the gallbladder (ml). */
  bileSpillMl: number;
  /** Pressure held on a bleeding point this long (s) controls it. */
  pressureHoldSec: number;
}

export const DEFAULT_FLUID_RATES: FluidRates = {
  bleedMlPerSec: {},
  suctionMlPerSec: 8,
  bileSpillMl: 5,
  pressureHoldSec: 5,
};

export type PoolKind = 'blood' | 'bile';
const KIND_CODE: Record<PoolKind, number> = { blood: 0, bile: 1 };

/** What a hand's instrument does to fluids this tick. */
export type FluidTool = 'none' | 'energy' | 'pressure' | 'suction';

/** How a bleed was controlled (the `haemostasis` event's value). */
export const HAEMOSTASIS = { clip: 0, energy: 1, pressure: 2 } as const;

export type FluidEventType = 'bleed' | 'haemostasis' | 'aspirate';
/**
 * A fluid event: `bleed` (a bleed started, or the blood lost passed another `LOSS_REPORT_ML`; value: the
 * blood lost so far), `haemostasis` (value: HAEMOSTASIS code), `aspirate` (a hand's suction run ended;
 * value: ml it removed). `tag` is the bleeding structure's tag, or -1.
 */
export type FluidEmit = (type: FluidEventType, hand: 0 | 1 | -1, tag: number, at: ArrayLike<number>, o: number, value: number) => void;

const MAX_BLEEDS = 8;
const MAX_POOLS = 16;
/** A pool lies this deep where it collects (m): its radius follows from its volume (5 ml: 14 mm; 40 ml: the cap). */
const DEPTH = 0.008;
const MAX_RADIUS = 0.04;
/** Energy or pressure this close to a bleeding point (m) acts on it. */
const REACH = 0.005;
/** A suction tip this far above a pool's surface or below it (m) is still in it. */
const SUCTION_DEPTH = 0.006;
/** Bile spilled this close to an earlier stain (m) joins it. */
const MERGE = 0.01;
/** Blood loss is reported each time it passes another this many ml (the protocol's threshold is judged on these). */
export const LOSS_REPORT_ML = 5;

/** The part of a state book the fluids register with (structural, so the fluids import no other world folder). */
export interface FluidsBook {
  array(name: string, array: Float64Array | Int32Array | Uint8Array, used?: () => number): unknown;
  scalar(name: string, get: () => number, set: (v: number) => void): unknown;
}

export class Fluids {
  readonly rates: FluidRates;
  /** Per bleed: the particle it follows (the proximal stump's end), structure tag, rate (ml/s), its pool, 1 while bleeding, pressure ticks held. */
  readonly bleedParticle = new Int32Array(MAX_BLEEDS);
  readonly bleedTag = new Int32Array(MAX_BLEEDS);
  readonly bleedRate = new Float64Array(MAX_BLEEDS);
  readonly bleedPool = new Int32Array(MAX_BLEEDS);
  readonly bleeding = new Uint8Array(MAX_BLEEDS);
  readonly pressureTicks = new Int32Array(MAX_BLEEDS);
  /** Where each bleeding point is now (xyz), updated every tick from its particle. */
  readonly bleedPoint = new Float64Array(3 * MAX_BLEEDS);
  /** Per pool: centre (xyz, the surface it lies on), volume (ml), kind code (0 blood, 1 bile). */
  readonly poolCentre = new Float64Array(3 * MAX_POOLS);
  readonly poolVolume = new Float64Array(MAX_POOLS);
  readonly poolKind = new Uint8Array(MAX_POOLS);
  /** Per hand: ml removed in the current suction run, and 1 while it runs. */
  readonly suctionRun = new Float64Array(2);
  readonly suctioning = new Uint8Array(2);
  bleedCount = 0;
  poolCount = 0;
  /** Blood lost so far (ml), and how much of it has been reported. */
  lossMl = 0;
  reportedMl = 0;

  constructor(rates: Partial<FluidRates> = {}) {
    this.rates = { ...DEFAULT_FLUID_RATES, ...rates };
  }

  /** The rate a divided structure bleeds at (ml/s), 0 if it does not. */
  rateOf(structure: string): number {
    return this.rates.bleedMlPerSec[structure] ?? 0;
  }

  /** Starts a bleed from `particle` (positions in pos) at `rate` ml/s, filling a new blood pool there. */
  startBleed(tag: number, particle: number, rate: number, pos: ArrayLike<number>, emit: FluidEmit): void {
    if (rate <= 0 || this.bleedCount >= MAX_BLEEDS) return;
    const b = this.bleedCount++;
    this.bleedParticle[b] = particle;
    this.bleedTag[b] = tag;
    this.bleedRate[b] = rate;
    this.bleeding[b] = 1;
    this.pressureTicks[b] = 0;
    this.readPoint(b, pos);
    this.bleedPool[b] = this.addPool('blood', this.bleedPoint, 3 * b, 0);
    emit('bleed', -1, tag, this.bleedPoint, 3 * b, this.lossMl);
  }

  /** A clip on a structure: stops its bleeds from particles it lies between and the patient-side end. */
  clipped(tag: number, proximalParticle: (bleedParticle: number) => boolean, emit: FluidEmit): void {
    for (let b = 0; b < this.bleedCount; b++) {
      if (this.bleeding[b] === 1 && this.bleedTag[b] === tag && proximalParticle(this.bleedParticle[b]!)) this.stop(b, HAEMOSTASIS.clip, emit);
    }
  }

  /** Bile from a perforation at at[o..o+2]: a new stain, or more in a stain close by. */
  spillBile(at: ArrayLike<number>, o: number): void {
    for (let k = 0; k < this.poolCount; k++) {
      if (this.poolKind[k] !== KIND_CODE.bile) continue;
      const d = Math.hypot(at[o]! - this.poolCentre[3 * k]!, at[o + 1]! - this.poolCentre[3 * k + 1]!, at[o + 2]! - this.poolCentre[3 * k + 2]!);
      if (d < MERGE) {
        this.poolVolume[k] = this.poolVolume[k]! + this.rates.bileSpillMl;
        return;
      }
    }
    this.addPool('bile', at, o, this.rates.bileSpillMl);
  }

  /**
   * One tick: bleeding points follow their particles and fill their pools; energy or pressure on a
   * bleeding point controls it; suction removes blood from the pool its tip is in.
   */
  step(pos: ArrayLike<number>, tools: readonly FluidTool[], tips: readonly ArrayLike<number>[], emit: FluidEmit): void {
    const pressureTicks = Math.round(this.rates.pressureHoldSec / FIXED_DT);
    for (let b = 0; b < this.bleedCount; b++) {
      if (this.bleeding[b] === 0) continue;
      this.readPoint(b, pos);
      const ml = this.bleedRate[b]! * FIXED_DT;
      const pool = this.bleedPool[b]!;
      this.poolVolume[pool] = this.poolVolume[pool]! + ml;
      this.lossMl += ml;
      let pressed = false;
      for (let h = 0; h < 2; h++) {
        const tool = tools[h]!;
        if (tool !== 'energy' && tool !== 'pressure') continue;
        if (distance(tips[h]!, this.bleedPoint, 3 * b) > REACH) continue;
        if (tool === 'energy') {
          this.stop(b, HAEMOSTASIS.energy, emit);
          break;
        }
        pressed = true;
      }
      if (this.bleeding[b] === 0) continue;
      this.pressureTicks[b] = pressed ? this.pressureTicks[b]! + 1 : 0;
      if (this.pressureTicks[b]! >= pressureTicks) this.stop(b, HAEMOSTASIS.pressure, emit);
    }
    while (this.lossMl >= this.reportedMl + LOSS_REPORT_ML) {
      this.reportedMl += LOSS_REPORT_ML;
      const b = this.lastBleeding();
      emit('bleed', -1, b >= 0 ? this.bleedTag[b]! : -1, this.bleedPoint, 3 * Math.max(b, 0), this.reportedMl);
    }
    for (let h = 0; h < 2; h++) this.aspirate(h as 0 | 1, tools[h] === 'suction' ? tips[h]! : null, emit);
  }

  /** Radius (m) of pool k as drawn and as suction reaches it. */
  poolRadius(k: number): number {
    return Math.min(MAX_RADIUS, Math.sqrt((this.poolVolume[k]! * 1e-6) / (Math.PI * DEPTH)));
  }

  /** Blood lying in the field now (ml). */
  bloodInField(): number {
    let ml = 0;
    for (let k = 0; k < this.poolCount; k++) if (this.poolKind[k] === KIND_CODE.blood) ml += this.poolVolume[k]!;
    return ml;
  }

  /** Whether any bleed is still uncontrolled. */
  anyBleeding(): boolean {
    for (let b = 0; b < this.bleedCount; b++) if (this.bleeding[b] === 1) return true;
    return false;
  }

  kindOf(k: number): PoolKind {
    return this.poolKind[k] === KIND_CODE.bile ? 'bile' : 'blood';
  }

  register(book: FluidsBook): void {
    const bleeds = (): number => this.bleedCount;
    const pools = (): number => this.poolCount;
    const scalars = ['bleedCount', 'poolCount', 'lossMl', 'reportedMl'] as const;
    for (const key of scalars) {
      book.scalar(
        `fluids.${key}`,
        () => this[key],
        (v) => (this[key] = v),
      );
    }
    const arrays: [string, Float64Array | Int32Array | Uint8Array, (() => number) | undefined][] = [
      ['fluids.bleed.particle', this.bleedParticle, bleeds],
      ['fluids.bleed.tag', this.bleedTag, bleeds],
      ['fluids.bleed.rate', this.bleedRate, bleeds],
      ['fluids.bleed.pool', this.bleedPool, bleeds],
      ['fluids.bleed.on', this.bleeding, bleeds],
      ['fluids.bleed.pressure', this.pressureTicks, bleeds],
      ['fluids.bleed.point', this.bleedPoint, () => 3 * this.bleedCount],
      ['fluids.pool.centre', this.poolCentre, () => 3 * this.poolCount],
      ['fluids.pool.volume', this.poolVolume, pools],
      ['fluids.pool.kind', this.poolKind, pools],
      ['fluids.suction.run', this.suctionRun, undefined],
      ['fluids.suction.on', this.suctioning, undefined],
    ];
    for (const [name, array, used] of arrays) book.array(name, array, used);
  }

  private aspirate(h: 0 | 1, tip: ArrayLike<number> | null, emit: FluidEmit): void {
    let removed = 0;
    if (tip !== null) {
      let want = this.rates.suctionMlPerSec * FIXED_DT;
      for (let k = 0; k < this.poolCount && want > 0; k++) {
        if (this.poolKind[k] !== KIND_CODE.blood || this.poolVolume[k]! <= 0 || !this.inPool(k, tip)) continue;
        const take = Math.min(want, this.poolVolume[k]!);
        this.poolVolume[k] = this.poolVolume[k]! - take;
        want -= take;
        removed += take;
      }
    }
    if (removed > 0) {
      this.suctioning[h] = 1;
      this.suctionRun[h] = this.suctionRun[h]! + removed;
    } else if (this.suctioning[h] === 1) {
      emit('aspirate', h, -1, tip ?? this.bleedPoint, 0, this.suctionRun[h]!);
      this.suctioning[h] = 0;
      this.suctionRun[h] = 0;
    }
  }

  private inPool(k: number, tip: ArrayLike<number>): boolean {
    const c = 3 * k;
    const dy = tip[1]! - this.poolCentre[c + 1]!;
    if (dy > SUCTION_DEPTH || dy < -SUCTION_DEPTH) return false;
    return Math.hypot(tip[0]! - this.poolCentre[c]!, tip[2]! - this.poolCentre[c + 2]!) <= this.poolRadius(k) + 0.002;
  }

  private addPool(kind: PoolKind, at: ArrayLike<number>, o: number, ml: number): number {
    if (this.poolCount === MAX_POOLS) {
      // Full: the last pool takes the rest (more pools than this would cover the view anyway).
      this.poolVolume[MAX_POOLS - 1] = this.poolVolume[MAX_POOLS - 1]! + ml;
      return MAX_POOLS - 1;
    }
    const k = this.poolCount++;
    this.poolCentre[3 * k] = at[o]!;
    this.poolCentre[3 * k + 1] = at[o + 1]!;
    this.poolCentre[3 * k + 2] = at[o + 2]!;
    this.poolVolume[k] = ml;
    this.poolKind[k] = KIND_CODE[kind];
    return k;
  }

  private stop(b: number, how: number, emit: FluidEmit): void {
    this.bleeding[b] = 0;
    this.pressureTicks[b] = 0;
    emit('haemostasis', -1, this.bleedTag[b]!, this.bleedPoint, 3 * b, how);
  }

  private lastBleeding(): number {
    for (let b = this.bleedCount - 1; b >= 0; b--) if (this.bleeding[b] === 1) return b;
    return this.bleedCount - 1;
  }

  private readPoint(b: number, pos: ArrayLike<number>): void {
    const i = 3 * this.bleedParticle[b]!;
    this.bleedPoint[3 * b] = pos[i]!;
    this.bleedPoint[3 * b + 1] = pos[i + 1]!;
    this.bleedPoint[3 * b + 2] = pos[i + 2]!;
  }
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>, o: number): number {
  return Math.hypot(a[0]! - b[o]!, a[1]! - b[o + 1]!, a[2]! - b[o + 2]!);
}
