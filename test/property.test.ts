// Random strings and random trees never crash the engine: each returns a value or a typed error.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze } from '../src/analyze.js';
import { isSindexError } from '../src/errors.js';
import { exprToString, FUNCTION_ARITY, type Expr, type FunctionName } from '../src/expr/tree.js';
import { Rational } from '../src/exact/rational.js';

function engineOutcome(source: string): 'value' | 'typed-error' {
  try {
    const a = analyze(source, { maxDegree: 6, powers: 2 });
    for (const c of a.coefficients) {
      if (!Number.isFinite(c.orthonormal) || !(c.error >= 0)) throw new Error(`non-finite coefficient for ${source}: ${JSON.stringify(c)}`);
    }
    return 'value';
  } catch (e) {
    if (isSindexError(e)) return 'typed-error';
    throw e;
  }
}

const alphabet = fc.constantFrom(...'z0123456789.+-*/^()e, piHsqrtaxlgbcm'.split(''), 'relu', 'He', 'exp', 'sin', 'abs', 'max');

describe('engine robustness', () => {
  it('random strings give a value or a typed error', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (parts) => {
        expect(['value', 'typed-error']).toContain(engineOutcome(parts.join('')));
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  const names = Object.keys(FUNCTION_ARITY) as FunctionName[];
  const tree = fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant<Expr>({ kind: 'variable' }),
      fc.integer({ min: -5, max: 5 }).map<Expr>((n) => ({ kind: 'number', value: Rational.of(n, 2) })),
      fc.constantFrom<Expr>({ kind: 'constant', name: 'pi' }, { kind: 'constant', name: 'e' }),
      tie('expr').map<Expr>((arg) => ({ kind: 'neg', arg })),
      fc
        .tuple(fc.constantFrom('add', 'sub', 'mul', 'div', 'pow' as const), tie('expr'), tie('expr'))
        .map<Expr>(([kind, left, right]) => ({ kind, left, right })),
      fc
        .tuple(fc.constantFrom(...names), tie('expr'), tie('expr'))
        .map<Expr>(([fn, a, b]) => ({ kind: 'call', fn, args: FUNCTION_ARITY[fn] === 2 ? [a, b] : [a] })),
      fc.tuple(fc.integer({ min: 0, max: 6 }), tie('expr')).map<Expr>(([degree, arg]) => ({ kind: 'hermite', degree, arg })),
    ),
  }));

  it('random trees give a value or a typed error', () => {
    fc.assert(
      fc.property(tree.expr, (e) => {
        expect(['value', 'typed-error']).toContain(engineOutcome(exprToString(e)));
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
