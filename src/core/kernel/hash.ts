/** FNV-1a over the exact bits of numbers: two states hash equal only if every double is bit-identical. */
export class StateHasher {
  private h = 0x811c9dc5;
  private readonly view = new DataView(new ArrayBuffer(8));

  number(x: number): this {
    this.view.setFloat64(0, x);
    for (let i = 0; i < 8; i++) {
      this.h ^= this.view.getUint8(i);
      this.h = Math.imul(this.h, 0x01000193) >>> 0;
    }
    return this;
  }

  numbers(xs: ArrayLike<number>): this {
    for (let i = 0; i < xs.length; i++) this.number(xs[i] as number);
    return this;
  }

  string(s: string): this {
    for (let i = 0; i < s.length; i++) {
      this.h ^= s.charCodeAt(i) & 0xff;
      this.h = Math.imul(this.h, 0x01000193) >>> 0;
    }
    return this;
  }

  digest(): string {
    return this.h.toString(16).padStart(8, '0');
  }
}
