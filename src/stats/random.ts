/**
 * A small, fast, seeded pseudo-random generator for reproducible bootstrap resampling.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit state
 * a, b, c, counter; PractRand-clean). One step, all arithmetic mod 2³²:
 *   t = a + b + counter;  counter += 1;  a = b ^ (b >>> 9);  b = c + (c << 3);
 *   c = rotl(c, 21) + t;  output t.
 * Seeding: the seed must be a safe integer; write seed = hi·2³² + lo (0 ≤ lo < 2³²,
 * hi taken mod 2³²). a, b, c are the first three outputs of splitmix32 started at lo
 * (state += 0x9E3779B9; z = state; z = (z ^ z>>>16)·0x21F0AAAD; z = (z ^ z>>>15)·0x735A2D97;
 * z ^= z>>>15), the counter starts at hi, and the first 12 outputs are discarded.
 * Distinct seeds give distinct initial states. Not cryptographic.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private counter: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`SeededRandom: seed must be a safe integer, got ${seed}`);
    const lo = ((seed % 0x1_0000_0000) + 0x1_0000_0000) % 0x1_0000_0000;
    const hi = ((Math.floor(seed / 0x1_0000_0000) % 0x1_0000_0000) + 0x1_0000_0000) % 0x1_0000_0000;
    let state = lo | 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.counter = hi | 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The next raw output, an integer in [0, 2³²). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.counter) | 0;
    this.counter = (this.counter + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + t;
    this.c |= 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1) with 53 random bits: ((x₁ >>> 5)·2²⁶ + (x₂ >>> 6)) / 2⁵³ from two outputs. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * Uniform integer in {0, …, n − 1}, exactly unbiased, for integer 1 ≤ n ≤ 2³²: draw outputs x
   * until x < 2³² − (2³² mod n) (rejection), return x mod n. One output per call unless rejected.
   */
  integer(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) throw new RangeError(`SeededRandom.integer: n must be an integer in [1, 2^32], got ${n}`);
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}
