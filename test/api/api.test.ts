// The library API (src/index.ts): the command line's checks and messages, exact values, provenance
// that reproduces a result, and the sweep.
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { analyze as analyzeEngine } from '../../src/analyze.js';
import {
  analyze,
  analyzeEngineOptions,
  analyzeProvenance,
  DomainError,
  OutOfRangeError,
  ParseError,
  sweepConfig,
  table,
  tableRows,
  thresholds,
  thresholdsEngineOptions,
  thresholdsProvenance,
  verify,
  verifyProvenance,
  type AnalyzeOptions,
  type ThresholdsOptions,
} from '../../src/index.js';
import { thresholds as thresholdsEngine } from '../../src/thresholds/thresholds.js';

async function cliError(...argv: string[]): Promise<string> {
  let err = '';
  const code = await main(argv, { out: () => {}, err: (t) => (err += t) });
  expect(code, `sindex ${argv.join(' ')}`).toBe(2);
  return err.split('\n')[0]!;
}

function apiError(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('bad input: the typed error, with the message the command line prints', () => {
  const analyzeCases: [string[], AnalyzeOptions][] = [
    [['--max-degree', '0'], { maxDegree: 0 }],
    [['--max-degree', '201'], { maxDegree: 201 }],
    [['--max-degree', '2.5'], { maxDegree: 2.5 }],
    [['--powers', '9'], { powers: 9 }],
    [['--ge-degree', '41'], { geDegree: 41 }],
    [['--noise', 'abc'], { noise: 'abc' }],
    [['--noise', '1/0'], { noise: '1/0' }],
    [['--noise', '1e400'], { noise: '1e400' }],
    [['--set', 'sin=2'], { set: { sin: 2 } }],
    [['--set', 'a=x'], { set: { a: 'x' } }],
    [['--convention', 'hermite'], { convention: 'hermite' as never }],
    [['--tolerance', '2'], { tolerance: 2 }],
    [['--ge-tolerance', '0'], { geTolerance: 0 }],
    [['--time-limit', '0'], { timeLimit: 0 }],
    [['--time-limit', '100000'], { timeLimit: 100000 }],
  ];
  for (const [flags, options] of analyzeCases) {
    it(`analyze ${flags.join(' ')}`, async () => {
      const e = apiError(() => analyze('tanh(a*z)', { set: { a: 1 }, ...options }));
      expect(e).toBeInstanceOf(OutOfRangeError);
      expect(await cliError('analyze', 'tanh(a*z)', '--set', 'a=1', ...flags)).toBe(`sindex: error: ${e.message}`);
    });
  }

  const thresholdsCases: [string[], ThresholdsOptions][] = [
    [['--algo', 'sgd'], { algo: 'sgd' as never }],
    [['--algo', 'custom'], { algo: 'custom' }],
    [['--psi', 'y*z'], { psi: 'y*z' }],
    [['--d', '1'], { d: 1 }],
    [['--depth', '9'], { depth: 9 }],
    [['--max-index', '41'], { maxIndex: 41 }],
    [['--order', '13'], { order: 13 }],
    [['--a', 'x'], { a: 'x' }],
    [['--noise', '2/'], { noise: '2/' }],
  ];
  for (const [flags, options] of thresholdsCases) {
    it(`thresholds ${flags.join(' ')}`, async () => {
      const e = apiError(() => thresholds({ target: 'He3(z)', ...options }));
      expect(e).toBeInstanceOf(OutOfRangeError);
      expect(await cliError('thresholds', '--target', 'He3(z)', ...flags)).toBe(`sindex: error: ${e.message}`);
    });
  }

  it('parse and domain errors carry the position and hint the command line shows', async () => {
    const e = apiError(() => analyze('2*(z+')) as ParseError;
    expect(e).toBeInstanceOf(ParseError);
    expect(e.position).toBe(5);
    expect(await cliError('analyze', '2*(z+')).toBe(`sindex: error: ${e.message}`);
    const typo = apiError(() => analyze('rleu(z)')) as ParseError;
    expect([typo.message, typo.position, typo.hint]).toEqual(["unknown function 'rleu'", 0, "did you mean 'relu'?"]);
    const target = apiError(() => thresholds({ target: 'rleu(z)' })) as ParseError;
    expect(target).toBeInstanceOf(ParseError);
    const domain = apiError(() => analyze('exp(z^2)'));
    expect(domain).toBeInstanceOf(DomainError);
    expect(await cliError('analyze', 'exp(z^2)')).toBe(`sindex: error: ${domain.message}`);
  });

  it('refuses unknown options and values of the wrong type, naming them', () => {
    expect(apiError(() => analyze('z', { max_degree: 3 } as never)).message).toBe(
      "analyze: unknown option 'max_degree' (did you mean 'maxDegree'?); the options are set, maxDegree, convention, noise, powers, tolerance, geDegree, geTolerance, lambda, timeLimit",
    );
    expect(apiError(() => thresholds({ targte: 'z' } as never)).message).toMatch(/^thresholds: unknown option 'targte' \(did you mean 'target'\?\)/);
    expect(apiError(() => analyze(42 as never)).message).toMatch(/the link needs an expression such as 'relu\(z\)' \(a string\), got '42'/);
    expect(apiError(() => analyze('z', { lambda: 'yes' as never })).message).toBe("--lambda is a switch: true or false, got 'yes'");
    expect(apiError(() => analyze('z', { set: ['a=1'] as never })).message).toMatch(/^--set needs name=value/);
    expect(apiError(() => analyze('z', 'maxDegree=3' as never)).message).toMatch(/^analyze: the options must be an object/);
    expect(apiError(() => table([{ expr: 'z' }], { format: 'pdf' as never }))).toBeInstanceOf(OutOfRangeError);
    expect(apiError(() => tableRows([{ expr: 'z', noize: 1 } as never])).message).toMatch(/unknown key 'noize'/);
  });
});

describe('exact values', () => {
  it("'0.1', '1/10' and 0.1 are the same noise; parameters likewise", () => {
    const a = analyze('z^2', { noise: '0.1', powers: 2 });
    const b = analyze('z^2', { noise: '1/10', powers: 2 });
    const c = analyze('z^2', { noise: 0.1, powers: 2 });
    expect(a.noise).toBe('1/10');
    expect(b).toEqual({ ...a, input: 'z^2' });
    expect(c).toEqual(a);
    expect(a.labelPowers[1]!.expression).toBe('(z^2)^2 + 1/10');
    const p = analyze('a*z^3', { set: { a: 0.25 } });
    expect(p.provenance).toMatchObject({ input: '1/4*z^3', options: { set: { a: '1/4' } } });
    expect(analyze('a*z^3', { set: { a: '1/4' } }).coefficients).toEqual(p.coefficients);
  });

  it('options default as on the command line, time limits included', () => {
    expect(analyzeEngineOptions({}).timeLimit).toBe(10);
    expect(thresholdsEngineOptions({}).timeLimit).toBe(20);
    expect(analyzeEngineOptions({ timeLimit: null }).timeLimit).toBeUndefined();
    expect(analyzeEngineOptions({ timeLimit: 'none' }).timeLimit).toBeUndefined();
    expect(thresholdsEngineOptions({}).target).toBe('He3(z)');
    expect(sweepConfig({})).toMatchObject({ ds: [64, 128, 256, 512], alphas: [0], seeds: 64, gamma: { kind: 'auto', c: 0.5 }, a: '1', noise: '0' });
  });
});

describe('provenance', () => {
  it('analyze: the printed input and every option; passing them back reproduces the result', () => {
    const r = analyze('tanh(a*z) + 0.5*z^2', { set: { b: '1', a: '-3' }, maxDegree: 8, noise: '1/10', timeLimit: null });
    expect(r.provenance).toEqual({
      sindex: '0.1.0',
      command: 'analyze',
      input: 'tanh(-3*z) + 1/2*z^2',
      options: {
        set: { a: '-3', b: '1' },
        maxDegree: 8,
        convention: 'orthonormal',
        noise: '1/10',
        powers: 4,
        tolerance: 1e-9,
        geDegree: 8,
        geTolerance: 1e-9,
        lambda: false,
        timeLimit: null,
      },
    });
    const again = analyze(r.provenance.input, r.provenance.options);
    expect({ ...again, input: r.input }).toEqual(r);
    // survives JSON (as in a saved batch line)
    const saved = JSON.parse(JSON.stringify(r.provenance));
    expect(analyze(saved.input, saved.options).provenance).toEqual(r.provenance);
  });

  it('thresholds: the printed target, student and ψ; passing them back reproduces the result', () => {
    for (const options of [
      { target: 'He3(z)', algo: 'batch-reuse' },
      { target: 'He(4, z)', student: 'z^4 - 6*z^2', algo: 'alternating', a: '0.5', d: 4096 },
      { target: 'He3(z)', algo: 'custom', psi: 'y*He(2, z) + eta*y^2*z' },
    ] as ThresholdsOptions[]) {
      const r = thresholds(options);
      const again = thresholds({ target: r.provenance.input, ...r.provenance.options });
      expect(again).toEqual(r);
    }
    const r = thresholds({ target: 'He3(z)', algo: 'custom', psi: 'y*He2(z)' });
    expect(r.provenance.options).toMatchObject({
      student: null,
      algo: 'custom',
      psi: 'y*He(2, z)',
      a: '1',
      d: 1000,
      depth: null,
      noise: '0',
      maxIndex: 8,
      order: 6,
      timeLimit: 20,
    });
  });

  it('the provenance functions take the engine options, so the command line can attach the same record', () => {
    const engine = analyzeEngineOptions({ maxDegree: 6, noise: '0.5' });
    const result = analyzeEngine('relu(z)', engine);
    expect(analyzeProvenance(result, engine)).toEqual(analyze('relu(z)', { maxDegree: 6, noise: '0.5' }).provenance);
    const tOptions = thresholdsEngineOptions({ target: 'He3(z)', algo: 'alternating' });
    expect(thresholdsProvenance(thresholdsEngine(tOptions), tOptions)).toEqual(thresholds({ target: 'He3(z)', algo: 'alternating' }).provenance);
  });
});

describe('verify', () => {
  const small = { target: 'He3(z)', d: [32, 64], alpha: [0], seeds: 3, seed: 7 } as const;

  it('runs a sweep, reports each seed, and is reproducible from its provenance', async () => {
    const seen: number[] = [];
    const r = await verify(small, { onRecord: (_, finished, planned) => seen.push(finished * 100 + planned) });
    expect(seen).toEqual([106, 206, 306, 406, 506, 606]);
    expect(r).toMatchObject({ seedsFinished: 6, seedsPlanned: 6, partial: false });
    expect(r.runs.map((x) => [x.alpha, x.d, x.seeds])).toEqual([
      [0, 32, 3],
      [0, 64, 3],
    ]);
    expect(r.fits[0]).toMatchObject({ predicted: 2, predictedExact: '2', regime: 'information' });
    expect(r.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(r.provenance).toEqual(verifyProvenance(r.config));
    expect(r.provenance.options).toMatchObject({ student: null, d: [32, 64], alpha: [0], seeds: 3, seed: 7, gamma: 'auto=0.5', ode: false });
    const again = await verify({ target: r.provenance.input, ...r.provenance.options });
    expect(again.records).toEqual(r.records); // (the fingerprint hashes the target as typed: 'He(3, z)' now)
  });

  it('stops when its signal is aborted, with a partial summary', async () => {
    const controller = new AbortController();
    const r = await verify({ ...small, seeds: 50 }, { signal: controller.signal, onRecord: (_, finished) => finished >= 4 && controller.abort() });
    expect(r.partial).toBe(true);
    expect(r.seedsFinished).toBeGreaterThanOrEqual(4);
    expect(r.seedsFinished).toBeLessThan(100);
  });

  it('adds the ODE prediction with ode: true', async () => {
    const r = await verify({ ...small, ode: true });
    expect(r.runs.every((x) => typeof x.ode === 'number')).toBe(true);
    expect(r.provenance.options.ode).toBe(true);
  });

  it('checks its options with the command line messages', async () => {
    await expect(verify({ seeds: 0 })).rejects.toThrow("--seeds must be an integer from 1 to 1000000, got '0'");
    await expect(verify({ alpha: [-1] })).rejects.toThrow("--alpha needs a comma-separated list of numbers ≥ 0, got '-1'");
    await expect(verify({ threshold: 1 })).rejects.toThrow("--threshold must be a number in (0, 1), got '1'");
    await expect(verify({ engine: 'gpu' as never })).rejects.toThrow("--engine must be one of reduced, full, got 'gpu'");
  });
});
