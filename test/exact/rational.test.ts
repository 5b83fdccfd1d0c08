import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, factorial, gcd } from '../../src/exact/rational.js';
import { fixture, relErr } from './fixture.js';

const bigints = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const nonzero = bigints.filter((n) => n !== 0n);
const rational = fc.tuple(bigints, nonzero).map(([n, d]) => Rational.of(n, d));
const nonzeroRational = fc.tuple(nonzero, nonzero).map(([n, d]) => Rational.of(n, d));

const q = (n: number | bigint, d: number | bigint = 1) => Rational.of(n, d);

describe('Rational: normal form', () => {
  it('reduces and puts the sign on the numerator', () => {
    const r = q(6, -4);
    expect(r.num).toBe(-3n);
    expect(r.den).toBe(2n);
    expect(q(0, -7).equals(Rational.ZERO)).toBe(true);
    expect(Rational.ZERO.den).toBe(1n);
    fc.assert(
      fc.property(rational, (r) => {
        expect(r.den > 0n).toBe(true);
        expect(gcd(r.num, r.den)).toBe(r.num === 0n ? r.den : 1n);
      }),
    );
  });

  it('rejects unsafe numbers and zero denominators', () => {
    expect(() => Rational.of(0.5)).toThrow(TypeError);
    expect(() => Rational.of(2 ** 60)).toThrow(TypeError);
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
    expect(() => q(1).div(Rational.ZERO)).toThrow(RangeError);
    expect(() => Rational.ZERO.inv()).toThrow(RangeError);
    expect(() => q(2).pow(0.5)).toThrow(TypeError);
  });
});

describe('Rational: field axioms (fast-check)', () => {
  it('addition and multiplication are commutative and associative', () => {
    fc.assert(
      fc.property(rational, rational, rational, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b).equals(b.mul(a))).toBe(true);
        expect(
          a
            .add(b)
            .add(c)
            .equals(a.add(b.add(c))),
        ).toBe(true);
        expect(
          a
            .mul(b)
            .mul(c)
            .equals(a.mul(b.mul(c))),
        ).toBe(true);
      }),
    );
  });
  it('distributivity, identities, inverses', () => {
    fc.assert(
      fc.property(rational, rational, rational, nonzeroRational, (a, b, c, n) => {
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.add(Rational.ZERO).equals(a)).toBe(true);
        expect(a.mul(Rational.ONE).equals(a)).toBe(true);
        expect(a.add(a.neg()).isZero()).toBe(true);
        expect(a.sub(b).equals(a.add(b.neg()))).toBe(true);
        expect(n.mul(n.inv()).equals(Rational.ONE)).toBe(true);
        expect(a.div(n).mul(n).equals(a)).toBe(true);
      }),
    );
  });
  it('order is compatible with + and with toNumber', () => {
    fc.assert(
      fc.property(rational, rational, rational, (a, b, c) => {
        expect(a.add(c).compare(b.add(c))).toBe(a.compare(b));
        expect(a.compare(b)).toBe(-b.compare(a));
        if (a.compare(b) < 0) expect(a.toNumber()).toBeLessThanOrEqual(b.toNumber());
        expect(a.sub(b).sign()).toBe(a.compare(b));
      }),
    );
  });
  it('pow with negative exponents', () => {
    expect(q(2, 3).pow(3).equals(q(8, 27))).toBe(true);
    expect(q(-2, 3).pow(-3).equals(q(-27, 8))).toBe(true);
    expect(q(5).pow(0).equals(Rational.ONE)).toBe(true);
    expect(Rational.ZERO.pow(0).equals(Rational.ONE)).toBe(true);
    fc.assert(
      fc.property(nonzeroRational, fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), (a, m, n) => {
        expect(
          a
            .pow(m)
            .mul(a.pow(n))
            .equals(a.pow(m + n)),
        ).toBe(true);
      }),
    );
  });
  it('abs, sign, isInteger', () => {
    expect(q(-3, 4).abs().equals(q(3, 4))).toBe(true);
    expect(q(-3, 4).sign()).toBe(-1);
    expect(Rational.ZERO.sign()).toBe(0);
    expect(q(6, 3).isInteger()).toBe(true);
    expect(q(1, 3).isInteger()).toBe(false);
  });
});

describe('Rational.fromDecimalString', () => {
  const cases: [string, bigint, bigint][] = [
    ['0.1', 1n, 10n],
    ['-2.5', -5n, 2n],
    ['1e-3', 1n, 1000n],
    ['2.5E+4', 25000n, 1n],
    ['3', 3n, 1n],
    ['.5', 1n, 2n],
    ['+3', 3n, 1n],
    ['3.', 3n, 1n],
    ['-0.000', 0n, 1n],
    ['0.125e1', 5n, 4n],
    ['12.5e-1', 5n, 4n],
    ['1e30', 10n ** 30n, 1n],
    ['-7.25e-2', -29n, 400n],
  ];
  it.each(cases)('%s', (s, n, d) => {
    const r = Rational.fromDecimalString(s);
    expect(r.num).toBe(n);
    expect(r.den).toBe(d);
  });
  it.each(['', ' 1', '1 ', '1/2', 'e5', '.', '-', '1e', '1.2.3', '0x10', 'Infinity', 'NaN', '1,5', '--1'])('rejects %j', (s) => {
    expect(() => Rational.fromDecimalString(s)).toThrow(SyntaxError);
  });
  it('guards absurd exponents', () => {
    expect(() => Rational.fromDecimalString('1e999999999')).toThrow(RangeError);
  });
});

describe('Rational.fromNumber', () => {
  it('is the exact binary value', () => {
    const r = Rational.fromNumber(0.1);
    expect(r.num).toBe(3602879701896397n);
    expect(r.den).toBe(2n ** 55n);
    expect(Rational.fromNumber(-0.75).equals(q(-3, 4))).toBe(true);
    expect(Rational.fromNumber(2 ** 70).equals(q(2n ** 70n))).toBe(true);
    expect(Rational.fromNumber(2 ** -1074).equals(q(1n, 2n ** 1074n))).toBe(true);
    expect(Rational.fromNumber(-0).isZero()).toBe(true);
    expect(() => Rational.fromNumber(NaN)).toThrow(RangeError);
    expect(() => Rational.fromNumber(Infinity)).toThrow(RangeError);
  });
  it('round trips through toNumber for every double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Rational.fromNumber(x).toNumber()).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe('Rational.toNumber with huge numerators and denominators', () => {
  it('1000!/999! = 1000 and 999!/1000! = 1/1000', () => {
    const a = Rational.of(factorial(1000), factorial(999));
    expect(a.toNumber()).toBe(1000);
    expect(Rational.of(factorial(999), factorial(1000)).toNumber()).toBe(0.001);
  });
  it('is correctly rounded when both parts have thousands of digits', () => {
    // (10^3000 + 1) / (3·10^3000): 1/3 up to 10^-3000
    const big = 10n ** 3000n;
    expect(Rational.of(big + 1n, 3n * big).toNumber()).toBe(1 / 3);
    expect(Rational.of(-(big * 7n), big * 2n).toNumber()).toBe(-3.5);
    const ref = Number(fixture.bigValues.threePow2000OverTwoPow3170);
    expect(relErr(Rational.of(3n ** 2000n, 2n ** 3170n).toNumber(), ref)).toBeLessThan(1e-15);
  });
  it('values near 1e-300 and 1e300', () => {
    expect(Rational.of(1n, 10n ** 300n).toNumber()).toBe(1e-300);
    expect(Rational.of(10n ** 300n).toNumber()).toBe(1e300);
    expect(Rational.of(3n * 10n ** 500n, 10n ** 800n).toNumber()).toBe(3e-300);
    expect(Rational.of(10n ** 1000n + 1n, 10n ** 700n).toNumber()).toBe(1e300);
  });
  it('overflows to ±Infinity only when the value does', () => {
    expect(Rational.of(10n ** 400n, 3n).toNumber()).toBe(Infinity);
    expect(Rational.of(-(10n ** 400n), 3n).toNumber()).toBe(-Infinity);
    expect(Rational.of(10n ** 700n, 10n ** 392n).toNumber()).toBe(1e308);
    const max = Rational.fromNumber(Number.MAX_VALUE);
    expect(max.toNumber()).toBe(Number.MAX_VALUE);
    expect(max.mul(q(2)).toNumber()).toBe(Infinity);
    expect(Rational.of(1n, 10n ** 400n).toNumber()).toBe(0);
  });
  it('is correctly rounded on random big fractions', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 200n }), fc.bigInt({ min: 1n, max: 2n ** 200n }), (a, b) => {
        // correct rounding: |x − v| ≤ half an ulp ≤ v·2^-53, checked in exact arithmetic
        const v = Rational.of(a, b);
        const x = v.toNumber();
        expect(
          Rational.fromNumber(x)
            .sub(v)
            .abs()
            .compare(v.mul(q(1n, 2n ** 53n))),
        ).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('Rational printing', () => {
  it('toString and toTex', () => {
    expect(q(3).toString()).toBe('3');
    expect(q(-3, 4).toString()).toBe('-3/4');
    expect(q(3).toTex()).toBe('3');
    expect(q(-3, 4).toTex()).toBe('-\\frac{3}{4}');
    expect(q(5, 2).toTex()).toBe('\\frac{5}{2}');
  });
});

describe('Rational.parse', () => {
  it('reads the forms users type and toString writes', () => {
    expect(Rational.parse('1/3').equals(Rational.of(1, 3))).toBe(true);
    expect(Rational.parse(' -3 / 4 ').equals(Rational.of(-3, 4))).toBe(true);
    expect(Rational.parse('0.1').equals(Rational.of(1, 10))).toBe(true);
    expect(Rational.parse('2.5e-3').equals(Rational.of(1, 400))).toBe(true);
    for (const q of [Rational.of(7, 12), Rational.of(-5), Rational.of(22, 7)]) expect(Rational.parse(q.toString()).equals(q)).toBe(true);
    expect(() => Rational.parse('1/0')).toThrow();
    expect(() => Rational.parse('pi')).toThrow(SyntaxError);
  });
});
