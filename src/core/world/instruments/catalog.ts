/**
 * Every instrument a protocol can name, with what the simulation and the recognisers need to know
 * about it. Ids are the ones the protocols use (procedures/*.yaml `instruments:`).
 *
 * Tip frame (all instruments): origin at the working point (jaw tips, blade point, hook tip, marker
 * nib); the shaft runs back towards the hand along local +z; jaws close along local x, so the
 * clamping line runs from the tips (z = 0) to the hinge (z = jawLength). A blade's cutting edge runs
 * up from the point along local +y, its flat faces ±x.
 */
import { Button } from '../../kernel/input.ts';

export type InstrumentKind = 'jaws' | 'blade' | 'needle' | 'energy' | 'clip-applier' | 'scissors' | 'marker' | 'suction';
export type Access = 'open' | 'laparoscopic';

export interface InstrumentSpec {
  id: string;
  name: string;
  kind: InstrumentKind;
  access: Access;
  /** Length of the jaws (or blade edge, hook, needle chord) from the tip back towards the hand (m). */
  jawLength: number;
  /** Width of one jaw across the clamping line (m). */
  jawWidth: number;
  /**
   * Gap between the open jaws at their tips (m), for jaws that take whatever lies between them as they
   * close (the clip applier); without it, only what touches the clamping line is taken.
   */
  jawOpening?: number;
  /** Shaft length from the tip to the handle (m); laparoscopic shafts slide through the port. */
  shaftLength: number;
  /** Divides tissue when the jaws close or the blade is drawn. */
  cuts: boolean;
  clips: boolean;
  /** Applies energy while Button.activate is held (the foot pedal). */
  cauterises: boolean;
  /** Grips tissue, objects or the needle when the jaws close. */
  grasps: boolean;
  /** Aspirates the fluid its tip is in while Button.activate is held (the suction valve). */
  aspirates?: true;
  /** Place on the instrument tray, left to right from the trainee (src/core/world/instruments/tray.ts). */
  traySlot: number;
  /** Trigger (VR) / left button (desktop) meaning, for the controls list. */
  trigger: 'close jaws' | 'fire clip' | 'cut' | 'none';
}

const open = (spec: Omit<InstrumentSpec, 'access' | 'shaftLength'> & { shaftLength?: number }): InstrumentSpec => ({
  shaftLength: 0.14,
  ...spec,
  access: 'open',
});
const lap = (spec: Omit<InstrumentSpec, 'access' | 'shaftLength'>): InstrumentSpec => ({ ...spec, access: 'laparoscopic', shaftLength: 0.33 });

/** 3/8-circle suture needle for 4-0 skin closure (matches the skin-pad scene's needle). */
export const SUTURE_NEEDLE = { radius: 0.008, arc: (3 / 8) * 2 * Math.PI } as const;

export const INSTRUMENTS: readonly InstrumentSpec[] = [
  open({
    id: 'scalpel',
    name: 'Scalpel, #15 blade',
    kind: 'blade',
    jawLength: 0.008,
    jawWidth: 0.0004,
    cuts: true,
    clips: false,
    cauterises: false,
    grasps: false,
    traySlot: 0,
    trigger: 'none',
  }),
  open({
    id: 'adson-forceps',
    name: 'Toothed (Adson) forceps',
    kind: 'jaws',
    jawLength: 0.012,
    jawWidth: 0.002,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: true,
    traySlot: 1,
    trigger: 'close jaws',
  }),
  open({
    id: 'needle-driver',
    name: 'Needle driver',
    kind: 'jaws',
    jawLength: 0.01,
    jawWidth: 0.003,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: true,
    traySlot: 2,
    trigger: 'close jaws',
  }),
  open({
    id: 'suture-scissors',
    name: 'Suture scissors',
    kind: 'scissors',
    jawLength: 0.02,
    jawWidth: 0.003,
    cuts: true,
    clips: false,
    cauterises: false,
    grasps: false,
    traySlot: 3,
    trigger: 'cut',
  }),
  open({
    id: 'iris-scissors',
    name: 'Iris scissors',
    kind: 'scissors',
    jawLength: 0.015,
    jawWidth: 0.002,
    cuts: true,
    clips: false,
    cauterises: false,
    grasps: false,
    traySlot: 4,
    trigger: 'cut',
  }),
  open({
    id: 'needle',
    name: '4-0 monofilament on a 3/8-circle reverse-cutting needle',
    kind: 'needle',
    jawLength: 2 * SUTURE_NEEDLE.radius * Math.sin(SUTURE_NEEDLE.arc / 2),
    jawWidth: 0.0004,
    shaftLength: 0,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: false,
    traySlot: 5,
    trigger: 'none',
  }),
  open({
    id: 'skin-marker',
    name: 'Skin marker',
    kind: 'marker',
    jawLength: 0.002,
    jawWidth: 0.001,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: false,
    traySlot: 6,
    trigger: 'none',
  }),
  lap({
    id: 'atraumatic-grasper',
    name: 'Atraumatic grasper',
    kind: 'jaws',
    jawLength: 0.018,
    jawWidth: 0.003,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: true,
    traySlot: 0,
    trigger: 'close jaws',
  }),
  lap({
    id: 'maryland-dissector',
    name: 'Maryland dissector',
    kind: 'jaws',
    jawLength: 0.016,
    jawWidth: 0.0025,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: true,
    traySlot: 1,
    trigger: 'close jaws',
  }),
  lap({
    id: 'hook-cautery',
    name: 'Hook electrocautery',
    kind: 'energy',
    jawLength: 0.006,
    jawWidth: 0.001,
    cuts: false,
    clips: false,
    cauterises: true,
    grasps: false,
    traySlot: 2,
    trigger: 'none',
  }),
  // A medium-large endoscopic clip: legs about 9 mm long, the jaws open about 9–11 mm at the tips (the lower end here).
  lap({
    id: 'clip-applier',
    name: 'Clip applier',
    kind: 'clip-applier',
    jawLength: 0.009,
    jawWidth: 0.002,
    jawOpening: 0.009,
    cuts: false,
    clips: true,
    cauterises: false,
    grasps: false,
    traySlot: 3,
    trigger: 'fire clip',
  }),
  lap({
    id: 'laparoscopic-scissors',
    name: 'Laparoscopic scissors',
    kind: 'scissors',
    jawLength: 0.015,
    jawWidth: 0.0025,
    cuts: true,
    clips: false,
    cauterises: false,
    grasps: false,
    traySlot: 4,
    trigger: 'cut',
  }),
  // A 5 mm suction/irrigation cannula: an open tube, no jaws; the valve under the trainee's finger aspirates.
  lap({
    id: 'suction-irrigator',
    name: 'Suction/irrigation',
    kind: 'suction',
    jawLength: 0.004,
    jawWidth: 0.005,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: false,
    aspirates: true,
    traySlot: 7,
    trigger: 'none',
  }),
  lap({
    id: 'grasper-left',
    name: 'FLS grasper (left)',
    kind: 'jaws',
    jawLength: 0.018,
    jawWidth: 0.003,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: true,
    traySlot: 5,
    trigger: 'close jaws',
  }),
  lap({
    id: 'grasper-right',
    name: 'FLS grasper (right)',
    kind: 'jaws',
    jawLength: 0.018,
    jawWidth: 0.003,
    cuts: false,
    clips: false,
    cauterises: false,
    grasps: true,
    traySlot: 6,
    trigger: 'close jaws',
  }),
];

const BY_ID = new Map(INSTRUMENTS.map((spec) => [spec.id, spec]));

/** The spec of an instrument id, or undefined for an id no protocol uses (or an empty hand). */
export function instrumentSpec(id: string | null): InstrumentSpec | undefined {
  return id === null ? undefined : BY_ID.get(id);
}

/** Instruments of one access kind in tray order. */
export function trayOf(access: Access): InstrumentSpec[] {
  return INSTRUMENTS.filter((spec) => spec.access === access).sort((a, b) => a.traySlot - b.traySlot);
}

export function isLaparoscopic(instrument: string | null): boolean {
  return instrumentSpec(instrument)?.access === 'laparoscopic';
}

/**
 * The buttons a hand's input carries: an energy instrument's activation (the foot pedal) or a suction's valve follows the main
 * button or trigger; a declaration is held on its own control. Shared by the mouse and the controllers.
 */
export function handButtons(instrument: string | null, main: boolean, declaring: boolean, deciding = false): number {
  let buttons = 0;
  const spec = instrumentSpec(instrument);
  if (main && (spec?.cauterises || spec?.aspirates)) buttons |= Button.activate;
  if (declaring) buttons |= Button.secondary;
  if (deciding) buttons |= Button.decide;
  return buttons;
}
