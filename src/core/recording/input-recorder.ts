import { HANDS, type ToolInput, idleInput, steers } from '../kernel/input.ts';

/** Numbers per hand per tick: position (3), orientation (4), jaw, buttons, instrument (index into the id table). */
const PER_HAND = 10;
/** Then the laparoscope's steering: pan, tilt, zoom, roll (zeros: not steering). */
const SCOPE = 4;
const PER_TICK = PER_HAND * HANDS.length + SCOPE;
const NO_INSTRUMENT = -1;

/**
 * Every tick's input, kept as numbers in one growing Float64Array (doubling, so recording allocates
 * only now and then, never per tick) plus a small table of instrument ids. With the seed, it replays the
 * attempt exactly: the values are the inputs' own doubles.
 */
export class InputRecorder {
  private data = new Float64Array(PER_TICK * 1024);
  private count = 0;
  private readonly instruments: string[] = [];

  get ticks(): number {
    return this.count;
  }

  record(input: ToolInput): void {
    if ((this.count + 1) * PER_TICK > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    let o = this.count * PER_TICK;
    for (const hand of HANDS) {
      const h = input.hands[hand];
      const d = this.data;
      d[o] = h.pose.position[0];
      d[o + 1] = h.pose.position[1];
      d[o + 2] = h.pose.position[2];
      d[o + 3] = h.pose.orientation[0];
      d[o + 4] = h.pose.orientation[1];
      d[o + 5] = h.pose.orientation[2];
      d[o + 6] = h.pose.orientation[3];
      d[o + 7] = h.jaw;
      d[o + 8] = h.buttons;
      d[o + 9] = this.instrumentIndex(h.instrument);
      o += PER_HAND;
    }
    const scope = input.scope;
    this.data[o] = scope?.pan ?? 0;
    this.data[o + 1] = scope?.tilt ?? 0;
    this.data[o + 2] = scope?.zoom ?? 0;
    this.data[o + 3] = scope?.roll ?? 0;
    this.count++;
  }

  /** The input of one recorded tick, written into `out` when given. */
  inputAt(tick: number, out: ToolInput = idleInput()): ToolInput {
    let o = tick * PER_TICK;
    const d = this.data;
    for (const hand of HANDS) {
      const h = out.hands[hand];
      h.pose.position = [d[o]!, d[o + 1]!, d[o + 2]!];
      h.pose.orientation = [d[o + 3]!, d[o + 4]!, d[o + 5]!, d[o + 6]!];
      h.jaw = d[o + 7]!;
      h.buttons = d[o + 8]!;
      const i = d[o + 9]!;
      h.instrument = i === NO_INSTRUMENT ? null : this.instruments[i]!;
      o += PER_HAND;
    }
    const scope = { pan: d[o]!, tilt: d[o + 1]!, zoom: d[o + 2]!, roll: d[o + 3]! };
    if (steers(scope)) out.scope = scope;
    else delete out.scope;
    return out;
  }

  /** All recorded inputs as objects (for storage and export; not for the per-tick path). */
  toInputs(): ToolInput[] {
    return Array.from({ length: this.count }, (_, tick) => this.inputAt(tick));
  }

  private instrumentIndex(id: string | null): number {
    if (id === null) return NO_INSTRUMENT;
    const i = this.instruments.indexOf(id);
    if (i >= 0) return i;
    this.instruments.push(id);
    return this.instruments.length - 1;
  }
}
