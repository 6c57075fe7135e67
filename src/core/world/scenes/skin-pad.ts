import type { Body } from 'cannon-es';
import { generateSkinPad, skinPadVariant, type SkinPadAnatomy, type SkinPadVariant } from '../anatomy/skin-pad.ts';
import type { RenderPart } from '../anatomy/render-part.ts';
import { heldStill, type InstrumentState } from '../instruments/instrument-state.ts';
import { FIXED_DT } from '../../kernel/clock.ts';
import { HANDS, type Hand } from '../../kernel/input.ts';
import { Particles } from '../tissue/particles.ts';
import { TissueSleep } from '../tissue/sleep.ts';
import { XpbdSolver } from '../tissue/solver.ts';
import { StateBook } from '../tissue/state-book.ts';
import type { SutureThread } from '../tissue/suture-thread.ts';
import { BaseScene } from './base-scene.ts';
import { Excision } from './skin-pad/excision.ts';
import { InstrumentTie } from './skin-pad/instrument-tie.ts';
import { Needle } from './skin-pad/needle.ts';
import { NeedlePasses } from './skin-pad/needle-passes.ts';
import { Skin } from './skin-pad/skin.ts';
import { SkinPadRender } from './skin-pad/skin-pad-render.ts';
import type { Specimen } from './skin-pad/specimen.ts';
import { SUTURE_PARTICLES, Suture } from './skin-pad/suture.ts';
import { TissueTips } from './tissue-tips.ts';
import { jawClosed, toolKind } from './tools.ts';
import { HAND_INDEX, touchAt, type ContactEvent, type SceneInstruments } from './types.ts';

export interface SkinPadOptions {
  seed: number;
  variant?: Partial<SkinPadVariant>;
}

const SUBSTEPS = 2;
/**
 * The pad sleeps once every particle has moved slower than 1 mm/s for 10 ticks (83 ms) with nothing
 * acting on it: with the damping's 1/8 s time constant what is left to settle then is ≈ 0.1 mm. A
 * pushing tip (a 2.5 mm sphere) acts on the particles within its radius; 1 mm more leaves room.
 */
const SLEEP = { speed: 0.001, ticks: 10, reach: 0.0035 };
/** Room for the particles that cuts and tears copy. */
const SPARE_PARTICLES = 1200;

/**
 * The suturing and excision scene: a layered skin pad whose top layer (epidermis + dermis) is an XPBD
 * sheet of 2,072 particles tied to the fat below, a suture thread of 60 segments on a 3/8-circle needle,
 * and the laceration or lesion of the variant. Scalpels cut the sheet, forceps and needle drivers grasp
 * it (and the thread), the needle punctures it and draws the thread through. Around a lesion, the skin
 * the incisions cut out is the specimen: undermined, lifted and carried to the histology pot.
 * This class composes the parts (in `./skin-pad/`) and orders them within a tick.
 */
export class SkinPadScene extends BaseScene {
  readonly name = 'skin-pad' as const;
  readonly anatomy: SkinPadAnatomy;
  readonly particles: Particles;
  readonly needle: Needle;
  readonly suture: Suture;
  readonly skin: Skin;
  readonly excision: Excision;
  readonly passes: NeedlePasses;
  readonly tie: InstrumentTie;
  readonly tips = new TissueTips(SUBSTEPS);
  readonly solver: XpbdSolver;
  readonly sleep: TissueSleep;
  readonly renderParts: readonly RenderPart[];
  /** Movable rigid bodies of the scene (none here: the needle is kinematic). */
  readonly bodies: readonly Body[] = [];
  protected readonly book: StateBook;
  private readonly render: SkinPadRender;

  constructor(options: SkinPadOptions) {
    super();
    const a = generateSkinPad(skinPadVariant(options.seed, options.variant), options.seed);
    this.anatomy = a;
    const p = (this.particles = new Particles(SUTURE_PARTICLES + a.cols * a.rows + SPARE_PARTICLES));
    // The needle lies on the pad near the front right corner, its thread trailing to the left.
    this.needle = new Needle([a.centre[0] + 0.05, a.centre[1] + 0.001, a.centre[2] + 0.04], [Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    this.suture = new Suture(p, this.needle, a, this.emit);
    this.skin = new Skin(p, a, this.emit);
    this.skin.attach(this.tips.colliders);
    this.excision = new Excision(p, this.skin, this.tips.grasp, a, this.emit);
    this.passes = new NeedlePasses(this.needle, this.thread, this.skin, p, this.emit);
    this.tie = new InstrumentTie(p, this.thread, this.emit);

    const sheet = this.skin.sheet;
    this.solver = new XpbdSolver(p, { substeps: SUBSTEPS, gravity: 9.81, damping: 8 });
    this.solver.constraints.push(
      sheet.stretch,
      sheet.anchors,
      this.thread.stretch,
      this.thread.bend,
      this.thread,
      this.tips.colliders,
      this.tips.grasp,
      this.specimen,
    );
    this.sleep = new TissueSleep(this.solver, SLEEP);
    this.render = new SkinPadRender(p, this.skin, this.thread, this.needle, a);
    this.renderParts = this.render.parts;
    // The order of the parts is the order of the snapshot's fields and of the hash.
    this.book = new StateBook('skin-pad')
      .particles('p', p)
      .part(this.skin)
      .part(this.specimen)
      .part(this.suture)
      .part(this.needle)
      .part(this.passes)
      .part(this.tips)
      .part(this.tie)
      .part(this.sleep);

    if (a.laceration) this.skin.openLaceration(a.laceration, this.solver);
    this.sleep.refresh();
    this.updateRenderParts();
  }

  get thread(): SutureThread {
    return this.suture.thread;
  }

  get specimen(): Specimen {
    return this.excision.specimen;
  }

  /** Skin surface height at rest (m). */
  get surfaceY(): number {
    return this.skin.surfaceY;
  }

  /** Index of the first skin particle; skin particles are [first, particles.count). */
  get sheetFirst(): number {
    return this.skin.first;
  }

  protected advance(instruments: SceneInstruments): void {
    const { current, previous } = instruments;
    for (const hand of HANDS) this.tie.track(hand, current[hand], this.needle.held);
    for (const hand of HANDS) this.prepareHand(hand, current[hand], previous[hand]);
    this.passes.move(current);
    this.sleep.step(FIXED_DT, this.disturbed(instruments));
    this.skin.tear();
    for (const hand of HANDS) this.skin.cut(hand, current[hand], previous[hand]);
    this.specimen.update();
    for (const hand of HANDS) this.excision.undermine(hand, current[hand], previous[hand]);
    this.passes.track();
    // A cut, tear or puncture after the solve changed the tissue: it solves again from the next tick.
    if (this.events.length > 0) this.sleep.wake();
  }

  /**
   * Whether anything acts on the tissue this tick: an event of this tick so far (a grasp, a release, a
   * thread cut…), a hand that holds tissue, thread, needle or specimen and moved, or a pushing tip within
   * the sleep's reach (unless the hand grasps: its contact is then the grasp's). A hand that holds still
   * holds the tissue where it settled. A scalpel pushes nothing: it cuts, an event after the solve.
   */
  private disturbed(instruments: SceneInstruments): boolean {
    if (this.events.length > 0) return true;
    const { colliders, grasp } = this.tips;
    for (const hand of HANDS) {
      const h = HAND_INDEX[hand];
      const now = instruments.current[hand];
      const before = instruments.previous[hand];
      const grasping = grasp.isHolding(h) || this.specimen.holder === h;
      if ((grasping || this.needle.held === h) && !heldStill(before, now)) return true;
      if (!grasping && colliders.enabled[h] === 1 && this.sleep.near(before.tip, now.tip)) return true;
    }
    return false;
  }

  /** Before the solve: the tips' sweeps, and what each hand's jaws let go of and take. */
  private prepareHand(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    const h = HAND_INDEX[hand];
    const kind = toolKind(now.instrument);
    const grips = kind === 'grasper' || kind === 'needle-driver';
    this.tips.follow(h, before, now, kind !== 'none' && kind !== 'scalpel');
    this.skin.gatherNear(this.tips.colliders, h, before.tip, now.tip);
    this.excision.carry(hand, h, grips, now, before);
    const released = this.tips.letGo(this.particles, h, grips, now, before);
    if (released >= 0) this.emit('release', hand, this.excision.isSpecimen(released) ? 'specimen' : null, now.tip, 0, Number.NaN, 0);
    this.passes.letGo(hand, now, before);
    this.suture.sweep(hand, h, kind === 'scissors' ? 'scissors' : kind === 'grasper' ? 'forceps' : null, now, before);
    if (kind === 'scissors') return;
    if (!grips || !jawClosed(before.jaw, now.jaw)) return;
    if (kind === 'needle-driver' && this.passes.take(hand, now)) return;
    this.grab(hand, h, now, kind === 'grasper');
  }

  /**
   * Closing jaws take tissue or thread, whichever is under them (`grasp`); forceps that find nothing
   * under them take the thread that came within their reach while they closed.
   */
  private grab(hand: Hand, h: number, now: InstrumentState, forceps: boolean): void {
    let held = this.excision.grab(h, now.tip, 0.003, 3);
    if (held < 0 && forceps) held = this.suture.takeCaught(h, now.tip, this.tips.grasp);
    if (held < 0) return;
    this.emit('grasp', hand, this.excision.structureAt(held), now.tip, 0, Number.NaN, 0);
    this.tie.grasped(hand, now, held);
  }

  protected findContact(c: ContactEvent, now: InstrumentState): void {
    const h = HAND_INDEX[c.hand];
    if (this.specimen.holder === h) {
      c.grasping = true;
      return touchAt(c, 'specimen', now.tip);
    }
    let i = this.tips.touched(c, h);
    if (i < 0) i = this.skin.under(now.tip);
    if (i >= 0) return touchAt(c, this.excision.structureAt(i), this.particles.pos, 3 * i);
    // Below the skin (in a wound): the layer the tip is in.
    const layer = this.skin.layerAt(now.tip);
    if (layer !== null) touchAt(c, layer, now.tip);
  }

  /** Threads the suture through skin particles as if the needle had passed there (setup and tests). */
  threadThrough(skinParticles: readonly number[]): void {
    this.suture.threadThrough(skinParticles);
    this.sleep.wake();
  }

  /** The specimen's freed share along its length (0 until the incisions have cut it out). */
  specimenFreed(): number {
    return this.specimen.freedFraction();
  }

  /** Largest distance between copies of one rest point: how far the cut edges stand apart (m). */
  woundGap(): number {
    return this.skin.woundGap();
  }

  protected afterRestore(): void {
    this.skin.sheet.rebuild(this.particles);
    this.specimen.update();
    this.sleep.refresh();
  }

  /** Rewrites the skin, thread and needle parts; views call it once per frame. It changes no simulation state. */
  updateRenderParts(): void {
    this.render.update();
  }
}
