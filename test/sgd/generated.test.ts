// The generated draw code is the generators' output (src/sgd/generate/chainLoops.gen.ts,
// simdChain.gen.ts): edit a generator and run it with `node --import tsx`, never the files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../src/sgd/generate/chainLoops.gen.js';
import { simdChainFiles } from '../../src/sgd/generate/simdChain.gen.js';
import { Rng } from '../../src/sgd/rng.js';

const root = new URL('../../', import.meta.url);

describe('generated SGD loops', () => {
  for (const [path, text] of Object.entries(generatedFiles())) {
    it(`${path} is the generator's output`, () => {
      expect(readFileSync(new URL(path, root), 'utf8')).toBe(text);
    });
  }

  it('src/sgd/simdChain.generated.ts and bench/floorSimd.generated.ts are the output of their generator (the binary assembled by wabt)', async () => {
    for (const [path, text] of Object.entries(await simdChainFiles())) expect(readFileSync(new URL(path, root), 'utf8'), path).toBe(text);
  });

  it('the generated next32 is xoshiro128** (reference outputs from state (1, 2, 3, 4) and from seeded states)', () => {
    const r = Rng.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 10 }, () => r.next32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
    // the step written independently: out = rotl(s1·5, 7)·9, then the state's linear advance
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    for (const seed of [1, 2, 3]) {
      const g = new Rng(seed);
      const s = Array.from(g.s, (w) => w >>> 0);
      for (let i = 0; i < 1000; i++) {
        const out = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
        const t = (s[1]! << 9) >>> 0;
        s[2] = (s[2]! ^ s[0]!) >>> 0;
        s[3] = (s[3]! ^ s[1]!) >>> 0;
        s[1] = (s[1]! ^ s[2]!) >>> 0;
        s[0] = (s[0]! ^ s[3]!) >>> 0;
        s[2] = (s[2]! ^ t) >>> 0;
        s[3] = rotl(s[3]!, 11);
        expect(g.next32()).toBe(out);
      }
    }
  });
});
