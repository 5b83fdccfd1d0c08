// `sindex analyze` with free parameters (issue 15): output shape, --set unchanged, and the
// bad inputs (exit 2 with a message and the position of the problem).
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The caret line under `source` in an error message points at character `position`. */
function caretAt(err: string, source: string, position: number): boolean {
  const lines = err.split('\n');
  const i = lines.findIndex((l) => l.trim() === source);
  if (i < 0) return false;
  const indent = lines[i]!.indexOf(source);
  return lines[i + 1]?.indexOf('^') === indent + position;
}

describe('sindex analyze with free parameters', () => {
  it("prints coefficients as expressions and 'information exponent: 1 for a ≠ −3; 3 at a = −3'", async () => {
    const r = await run('analyze', 'z^3 + a*z');
    expect(r.code).toBe(0);
    expect(r.out).toContain('information exponent: 1 for a ≠ −3; 3 at a = −3');
    expect(r.out).toMatch(/ 1 +a \+ 3 +a\n/);
  });

  it('--json: each coefficient { exact, parameters }, each exponent { cases: [{ when, value }] }', async () => {
    const r = await run('analyze', 'z^3 + a*z', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.coefficients[1]).toMatchObject({ exact: 'a + 3', parameters: ['a'] });
    expect(j.informationExponent.cases.map((c: { when: string; value: number }) => ({ when: c.when, value: c.value }))).toEqual([
      { when: 'a != -3', value: 1 },
      { when: 'a = -3', value: 3 },
    ]);
    expect(j.generativeExponent.cases).toMatchObject([{ when: 'all', value: 1 }]);
  });

  it('--set keeps the numeric analysis: z^3 + a*z at a = −3 is He_3 (IE 3), at a = 2 IE 1', async () => {
    const at = await run('analyze', 'z^3 + a*z', '--set', 'a=-3', '--json');
    expect(at.code).toBe(0);
    const j = JSON.parse(at.out);
    expect(j.class).toBe('polynomial');
    expect(j.informationExponent).toBe(3);
    expect(j.informationExponentDecidedBy).toBe('exact');
    const generic = await run('analyze', 'z^3 + a*z', '--set', 'a=2');
    expect(generic.out).toMatch(/information exponent: 1 +\[exact\]/);
  });

  it('irrational exceptional values print in radicals: a = ±√2', async () => {
    const r = await run('analyze', '(a^2 - 2)*z + He3(z)');
    expect(r.out).toContain('information exponent: 1 for a ≠ ±√2; 3 at a = ±√2');
  });

  it('two parameters', async () => {
    const r = await run('analyze', 'a*z^2 + b*z');
    expect(r.out).toContain('information exponent: 1 for b ≠ 0; 2 for b = 0 and a ≠ 0; none (σ constant) at b = 0 and a = 0');
  });
});

describe('--set a=lo:step:hi: a numeric scan', () => {
  it('z^3 + a*z over a = −4:1:−2 meets the exceptional a = −3 (IE 3) between two generic values (IE 1)', async () => {
    const r = await run('analyze', 'z^3 + a*z', '--set', 'a=-4:1:-2', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.mode).toBe('scan');
    expect(j.rows.map((x: { value: string; informationExponent: number }) => [x.value, x.informationExponent])).toEqual([
      ['-4', 1],
      ['-3', 3],
      ['-2', 1],
    ]);
  });

  it('tanh(a*z): odd for every a, so α_2 = 0 at each grid value; at a = 0 the link is constant', async () => {
    const r = await run('analyze', 'tanh(a*z)', '--set', 'a=0:1/2:1', '--json');
    const j = JSON.parse(r.out);
    expect(j.rows.map((x: { informationExponent: number | null }) => x.informationExponent)).toEqual([null, 1, 1]);
    for (const row of j.rows) expect(row.coefficients[2].value).toBe(0);
    // α_1(tanh(z)) = E[z tanh z] = E[sech² z] ≈ 0.6057055 (Stein), within the printed bound
    expect(Math.abs(j.rows[2].coefficients[1].value - 0.6057055096)).toBeLessThan(1e-9 + j.rows[2].coefficients[1].error);
    // the text keeps each value's standing: α_1 numeric with its bound, α_2 certified zero by parity (σ odd)
    const row = (await run('analyze', 'tanh(a*z)', '--set', 'a=0:1/2:1')).out.split('\n').find((l) => l.trimStart().startsWith('1 '))!;
    expect(row).toMatch(/0\.6057\d* ± [\d.e-]+, 0 \[parity\], /);
  });

  it('a bad grid is exit 2', async () => {
    expect((await run('analyze', 'tanh(a*z)', '--set', 'a=1:-1:2')).code).toBe(2);
    expect((await run('analyze', 'tanh(a*z)', '--set', 'a=0:1/1000:1')).err).toContain('the limit is 101');
    expect((await run('analyze', 'tanh(a*z)', '--set', 'exp=0:1:2')).err).toContain("'exp' cannot be a parameter name");
  });
});

describe('bad input: exit 2 with a message', () => {
  it('a parameter inside tanh: the parity that holds for every a, the position of a, and --set', async () => {
    const r = await run('analyze', 'tanh(a*z)');
    expect(r.code).toBe(2);
    expect(r.err).toContain("the parameter 'a' enters through tanh(…)");
    expect(r.err).toContain('σ is odd in z');
    expect(r.err).toContain('--set a=');
    expect(caretAt(r.err, 'tanh(a*z)', 5)).toBe(true);
  });

  it('relu(z - a): no parity claim, caret at a', async () => {
    const r = await run('analyze', 'relu(z - a)');
    expect(r.code).toBe(2);
    expect(r.err).toContain("the parameter 'a' enters through relu(…)");
    expect(r.err).not.toContain('σ is');
    expect(caretAt(r.err, 'relu(z - a)', 9)).toBe(true);
  });

  it('a function of z beside a parameter: caret at the function', async () => {
    const r = await run('analyze', 'a*z + exp(z)');
    expect(r.code).toBe(2);
    expect(r.err).toContain('σ contains exp(…), which is not a polynomial in z');
    expect(caretAt(r.err, 'a*z + exp(z)', 6)).toBe(true);
  });

  it('a function name used as a parameter', async () => {
    const r = await run('analyze', 'tanh + a*z');
    expect(r.code).toBe(2);
    expect(r.err).toContain('tanh is a function');
    expect(caretAt(r.err, 'tanh + a*z', 0)).toBe(true);
  });

  it('--set of a function name or of z', async () => {
    for (const name of ['exp', 'z', 'He3']) {
      const r = await run('analyze', 'z^3 + a*z', '--set', `${name}=2`);
      expect(r.code, name).toBe(2);
      expect(r.err).toContain(`'${name}' cannot be a parameter name`);
    }
  });

  it('a name one edit from pi or a function is a typo, not a parameter', async () => {
    const r = await run('analyze', 'pii*z + a');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown name 'pii'");
    expect(r.err).toContain("did you mean 'pi'?");
    expect(caretAt(r.err, 'pii*z + a', 0)).toBe(true);
  });

  it('x is not taken for a parameter: the variable is z', async () => {
    const r = await run('analyze', 'x^2 + a*z');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown name 'x': the variable is z");
  });

  it('--convention physicists needs every parameter bound', async () => {
    const r = await run('analyze', 'z^3 + a*z', '--convention', 'physicists');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--convention physicists needs --set');
  });
});
