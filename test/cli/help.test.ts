// Help for every command: its flags (checked against README's flag tables, written separately),
// defaults, and two examples that themselves parse; nearest-name suggestions for typos.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommandLine } from '../../cli/commands.js';
import { main } from '../../cli/main.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The flags named in the first column of the README table under `### \`sindex NAME`. */
function readmeFlags(name: string): string[] {
  const start = readme.indexOf(`### \`sindex ${name}`);
  if (start < 0) return [];
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
  return [...section.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]!);
}

/** Split an example command line into arguments (single quotes only, as in the examples). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe('help for every command', () => {
  for (const spec of COMMANDS) {
    it(`${spec.name}: --help and 'help ${spec.name}' print the same text, exit 0, with its flags and two examples`, async () => {
      const a = await run(spec.name, '--help');
      const b = await run('help', spec.name);
      expect(a.code).toBe(0);
      expect(b.code).toBe(0);
      expect(a.out).toBe(b.out);
      expect(a.out).toMatch(new RegExp(`^Usage: sindex ${spec.name}`));
      for (const flag of readmeFlags(spec.name)) expect(a.out, `${flag} missing from '${spec.name} --help'`).toContain(flag);
      const examples = a.out
        .slice(a.out.indexOf('Examples:'))
        .split('\n')
        .filter((l) => / sindex /.test(` ${l} `));
      expect(examples.length).toBe(2);
    });

    it(`${spec.name}: each example in the help is a valid command line`, () => {
      for (const example of spec.examples) {
        const argv = words(example.replace(/^.*\| /, '')).slice(1);
        const err: string[] = [];
        expect(() => parseCommandLine(argv, { out: () => {}, err: (t) => err.push(t) }), example).not.toThrow();
      }
    });
  }

  it('the README tables name flags that the commands accept (the check above is not vacuous)', () => {
    expect(readmeFlags('analyze')).toContain('--max-degree');
    expect(readmeFlags('thresholds')).toContain('--algo');
  });

  it('defaults shown in help are the engine defaults a run uses (max degree: 12 coefficients + k = 0)', async () => {
    const help = (await run('analyze', '--help')).out;
    const maxDegree = Number(/--max-degree <K>.*\(default: (\d+)\)/.exec(help)![1]);
    const r = JSON.parse((await run('analyze', 'z', '--json')).out);
    expect(r.coefficients.length).toBe(maxDegree + 1);
  });

  it('the global help lists every command', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const spec of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${spec.name} `, 'm'));
  });

  it.each([
    [['anlyze', 'z'], /unknown command 'anlyze'[^]*Did you mean analyze\?/],
    [['analyse', 'z'], /Did you mean analyze\?/],
    [['thresholds', '--algorithm', 'online'], /unknown option '--algorithm'[^]*Did you mean --algo\?/],
    [['analyze', 'z', '--max-degre', '3'], /Did you mean --max-degree\?/],
    [['verify', '--seed', '1', '--seds', '3'], /Did you mean --seeds\?/],
  ])('%j: the nearest valid name, exit 2', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  });
});

describe('JSON from the command line carries what reproduces it', () => {
  it('analyze --json: provenance (version, parsed input, every option) replayed through the library gives the same result', async () => {
    const { analyze } = await import('../../src/index.js');
    const r = JSON.parse((await run('analyze', 'tanh(a*z)', '--set', 'a=-3', '--noise', '0.1', '--max-degree', '6', '--json')).out);
    expect(r.provenance.sindex).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.provenance.input).toBe('tanh(-3*z)');
    expect(r.provenance.options.noise).toBe('1/10');
    const again = analyze(r.provenance.input, r.provenance.options);
    expect(again.informationExponent).toBe(r.informationExponent);
    expect(again.coefficients.map((c: { orthonormal: number }) => c.orthonormal)).toEqual(r.coefficients.map((c: { orthonormal: number }) => c.orthonormal));
  });

  it('thresholds --json: the same for a phase diagram', async () => {
    const { thresholds } = await import('../../src/index.js');
    const r = JSON.parse((await run('thresholds', '--target', 'He3(z)', '--algo', 'alternating', '--a', '1/2', '--json')).out);
    expect(r.provenance.options.a).toBe('1/2');
    const again = thresholds({ target: r.provenance.input, ...r.provenance.options });
    expect(again.phaseDiagram.breakpoints).toEqual(r.phaseDiagram.breakpoints);
  });
});
