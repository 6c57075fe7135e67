import type { Particles } from './particles.ts';
import type { XpbdSolver } from './solver.ts';
import type { StateBook } from './state-book.ts';

export interface SleepOptions {
  /** Speed (m/s) every particle must stay below to count a tick as still. */
  speed: number;
  /** Consecutive still, undisturbed ticks before the tissue falls asleep. */
  ticks: number;
  /** How near (m) to a particle an instrument tip counts as acting on the tissue. */
  reach: number;
}

/**
 * Tissue sleeping, as rigid-body engines sleep bodies (cannon-es's `Body.sleepState`): a solver whose
 * particles have all stayed slower than `speed` for `ticks` consecutive ticks while nothing acted on them
 * is asleep; its step is skipped (positions held, velocities zero). Anything the scene reports as
 * acting on the tissue wakes it before that tick's solve. The flag and the still-tick count are world
 * state (`register`); the bounds that speed up `near` are derived from the positions.
 */
export class TissueSleep {
  asleep = 0;
  still = 0;
  /** Axis-aligned bounds of the particles (min xyz, max xyz), grown by `reach`; stale after a solve until used. */
  private readonly bounds = new Float64Array(6);
  private boundsStale = true;

  constructor(
    private readonly solver: XpbdSolver,
    private readonly options: SleepOptions,
  ) {}

  /** One tick of the solver, skipped while asleep; `disturbed` (something acts on the tissue) wakes it first. */
  step(dt: number, disturbed: boolean): void {
    if (disturbed) this.wake();
    if (this.asleep === 1) return;
    this.solver.step(dt);
    this.boundsStale = true;
    if (disturbed || !this.isStill()) {
      this.still = 0;
      return;
    }
    this.still++;
    if (this.still >= this.options.ticks) this.fallAsleep();
  }

  /** Something changed the tissue outside the solver (a cut, a puncture…): solve from the next tick on. */
  wake(): void {
    this.asleep = 0;
    this.still = 0;
  }

  /** Whether the segment a→b (an instrument tip's sweep this tick) comes within `reach` of a particle. */
  near(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
    if (!this.boxMeets(a, b)) return false;
    const pos = this.solver.particles.pos;
    const ax = a[0]!,
      ay = a[1]!,
      az = a[2]!;
    const dx = b[0]! - ax,
      dy = b[1]! - ay,
      dz = b[2]! - az;
    const len2 = dx * dx + dy * dy + dz * dz;
    const r2 = this.options.reach * this.options.reach;
    for (let i = 0; i < this.solver.particles.count; i++) {
      const px = pos[3 * i]! - ax,
        py = pos[3 * i + 1]! - ay,
        pz = pos[3 * i + 2]! - az;
      const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy + pz * dz) / len2)) : 0;
      const qx = px - t * dx,
        qy = py - t * dy,
        qz = pz - t * dz;
      if (qx * qx + qy * qy + qz * qz < r2) return true;
    }
    return false;
  }

  /** Segment against the grown bounds: a slab test on the segment's parameter in [0, 1]. */
  private boxMeets(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
    if (this.boundsStale) this.updateBounds();
    const box = this.bounds;
    let t0 = 0;
    let t1 = 1;
    for (let k = 0; k < 3; k++) {
      const d = b[k]! - a[k]!;
      const lo = box[k]!;
      const hi = box[3 + k]!;
      if (Math.abs(d) < 1e-15) {
        if (a[k]! < lo || a[k]! > hi) return false;
        continue;
      }
      let ta = (lo - a[k]!) / d;
      let tb = (hi - a[k]!) / d;
      if (ta > tb) [ta, tb] = [tb, ta];
      t0 = Math.max(t0, ta);
      t1 = Math.min(t1, tb);
      if (t0 > t1) return false;
    }
    return true;
  }

  /** Marks the bounds stale: after anything that moved particles outside `step` (a restore). */
  refresh(): void {
    this.boundsStale = true;
  }

  private updateBounds(): void {
    this.boundsStale = false;
    const p = this.solver.particles;
    const box = this.bounds;
    box.fill(Number.POSITIVE_INFINITY, 0, 3);
    box.fill(Number.NEGATIVE_INFINITY, 3, 6);
    for (let i = 0; i < p.count; i++) {
      for (let k = 0; k < 3; k++) {
        const x = p.pos[3 * i + k]!;
        if (x < box[k]!) box[k] = x;
        if (x > box[3 + k]!) box[3 + k] = x;
      }
    }
    const r = this.options.reach;
    for (let k = 0; k < 3; k++) {
      box[k] = box[k]! - r;
      box[3 + k] = box[3 + k]! + r;
    }
  }

  register(book: StateBook): void {
    book
      .scalar(
        'sleep.asleep',
        () => this.asleep,
        (v) => (this.asleep = v),
      )
      .scalar(
        'sleep.still',
        () => this.still,
        (v) => (this.still = v),
      );
  }

  private isStill(): boolean {
    const p: Particles = this.solver.particles;
    const limit = this.options.speed * this.options.speed;
    const vel = p.vel;
    for (let i = 0; i < p.count; i++) {
      const k = 3 * i;
      const vx = vel[k]!,
        vy = vel[k + 1]!,
        vz = vel[k + 2]!;
      if (vx * vx + vy * vy + vz * vz >= limit) return false;
    }
    return true;
  }

  private fallAsleep(): void {
    this.asleep = 1;
    this.solver.particles.vel.fill(0, 0, 3 * this.solver.particles.count);
  }
}
