/**
 * A small seeded pseudo-random generator (sfc32), so a scenario is the same
 * sequence of events for the same seed on every machine and run.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    // splitmix32 spreads a small seed over the four words of state.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** A bigint in [min, max] (max - min below 2^53). */
  bigBetween(min: bigint, max: bigint): bigint {
    return min + BigInt(Math.floor(this.float() * Number(max - min + 1n)));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** `bytes` random bytes as 0x-hex (each 32-bit draw gives 8 digits, high byte first). */
  hex(bytes: number): string {
    let out = '0x';
    for (let i = 0; i < bytes; i += 4) {
      const w = this.uint32();
      out += HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
    }
    return out.slice(0, 2 + bytes * 2);
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A set with O(1) add, delete and uniform random pick. */
export class PickSet<T> {
  readonly #items: T[] = [];
  readonly #index = new Map<T, number>();

  get size(): number {
    return this.#items.length;
  }

  add(item: T): void {
    if (this.#index.has(item)) return;
    this.#index.set(item, this.#items.length);
    this.#items.push(item);
  }

  delete(item: T): void {
    const i = this.#index.get(item);
    if (i === undefined) return;
    const last = this.#items.pop()!;
    this.#index.delete(item);
    if (i < this.#items.length) {
      this.#items[i] = last;
      this.#index.set(last, i);
    }
  }

  /** Position of `item` in pick order (`values()`), or -1. */
  indexOf(item: T): number {
    return this.#index.get(item) ?? -1;
  }

  has(item: T): boolean {
    return this.#index.has(item);
  }

  pick(random: Random): T | undefined {
    return this.#items.length === 0 ? undefined : this.#items[random.int(this.#items.length)];
  }

  values(): readonly T[] {
    return this.#items;
  }
}
