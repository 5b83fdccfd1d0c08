// The package is complete: `npm pack` would ship the CLI bundle, the library, its types and the
// files they read at run time, and nothing else; the built library is importable by its name, typed,
// and runs the README's example. (No network: the real install from a tarball is checked by hand.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/provenance.js';
import { promisedOutputs, readmeBlock } from '../api/readmeBlocks.js';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(import.meta.url);

beforeAll(() => {
  // an old dist/ (from before the library was built) is rebuilt; a current one is used as it is
  if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/types/index.d.ts')) || !existsSync(join(root, 'dist/sindex.js'))) {
    execFileSync(process.execPath, ['build.mjs', '--types'], { cwd: root });
  }
}, 300_000);

/** The files `npm pack` would put in the tarball (without running the build again). */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'silent' },
  });
  const [report] = JSON.parse(out) as [{ files: { path: string }[] }];
  return report.files.map((f) => f.path).sort();
}

describe('package.json', () => {
  it('declares the entry points: bin, main, types, exports', () => {
    expect(pkg.bin).toEqual({ sindex: 'bin/sindex.js' });
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.']).toEqual({ types: './dist/types/index.d.ts', default: './dist/index.js' });
    expect(pkg.main).toBe('./dist/index.js');
    expect(pkg.types).toBe('./dist/types/index.d.ts');
    expect(pkg.scripts.prepare).toBe('node build.mjs --types'); // npm ci and npm pack build dist/, declarations included
  });

  it('has the version the library and the CLI report', async () => {
    expect(VERSION).toBe(pkg.version);
    expect((await import('../../cli/defaults.js')).VERSION).toBe(pkg.version);
  });
});

describe('npm pack', () => {
  let files: string[] = [];
  beforeAll(() => {
    files = packedFiles();
  }, 120_000);

  it('ships the CLI, the library, the types and the files they read', () => {
    for (const f of [
      'package.json',
      'README.md',
      'bin/sindex.js',
      'dist/sindex.js',
      'dist/verifyWorker.js',
      'dist/uiWorker.js',
      'dist/index.js',
      'dist/types/index.d.ts',
      'dist/types/provenance.d.ts',
      'cases/links.yaml',
      'docs/theory.md',
    ]) {
      expect(files, f).toContain(f);
    }
  });

  it('ships every file an entry point names, and every chunk the bundles import', () => {
    const named = [pkg.main, pkg.types, pkg.exports['.'].types, pkg.exports['.'].default, ...Object.values(pkg.bin as Record<string, string>)].map(
      (p: string) => p.replace(/^\.\//, ''),
    );
    for (const f of named) expect(files, f).toContain(f);
    const chunks = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
    for (const f of chunks) {
      expect(files, f).toContain(`dist/${f}`);
      const text = readFileSync(join(root, 'dist', f), 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*"\.\/([\w.-]+\.js)"/g)) expect(files, `${f} imports ${m[1]}`).toContain(`dist/${m[1]}`);
    }
    // every relative import of a shipped declaration resolves to a shipped declaration
    for (const d of files.filter((f) => f.endsWith('.d.ts'))) {
      const text = readFileSync(join(root, d), 'utf8');
      for (const m of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
        const target = join(d, '..', `${m[1]}.d.ts`);
        expect(files, `${d} → ${m[1]}`).toContain(target);
      }
    }
  });

  it('ships no sources, tests or build files', () => {
    expect(files.filter((f) => /^(src|cli|test|bench|node_modules)\//.test(f) || /^(build\.mjs|tsconfig.*\.json|vitest\.config\.ts|.*\.tgz)$/.test(f))).toEqual(
      [],
    );
  });
});

describe('the built package, imported by its name', () => {
  // a project that has sindex in its node_modules (a link to this folder, as `npm install` of a folder makes)
  let project = '';
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'sindex-consumer-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'sindex'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  });

  const node = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: project, encoding: 'utf8', timeout: 120_000 });

  it('imports { analyze, thresholds } from "sindex" and runs them', () => {
    const r = node(`
      import { analyze, thresholds, VERSION, ParseError } from 'sindex';
      const a = analyze('He(4, z)');
      const t = thresholds({ target: 'He3(z)', algo: 'alternating' });
      let caught = null;
      try { analyze('rleu(z)'); } catch (e) { caught = [e instanceof ParseError, e.name, e.position]; }
      console.log(JSON.stringify({ ie: a.informationExponent, p: a.labelPowers.map((l) => l.informationExponent), prov: a.provenance, bp: t.phaseDiagram.breakpoints, VERSION, caught }));
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ie: 4, p: [4, 2, 2, 2], bp: ['1/2'], VERSION: pkg.version, caught: [true, 'ParseError', 0] });
    expect(j.prov).toMatchObject({ sindex: pkg.version, command: 'analyze', input: 'He(4, z)', options: { maxDegree: 12, timeLimit: 10 } });
  });

  it("runs the README's Library example and prints what its comments say", () => {
    const code = readmeBlock('## Library', 'js');
    const r = node(code);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(promisedOutputs(code));
  });

  it('type-checks a TypeScript program against the shipped declarations', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['main.ts'],
      }),
    );
    writeFileSync(
      join(project, 'main.ts'),
      `import { analyze, thresholds, table, verify, type AnalyzeResult, type ThresholdsResult, OutOfRangeError } from 'sindex';
const a: AnalyzeResult = analyze('tanh(a*z)', { set: { a: '-3' }, maxDegree: 8, noise: '1/10' });
const ie: number | null = a.informationExponent;
const t: ThresholdsResult = thresholds({ target: 'He3(z)', algo: 'batch-reuse' });
const breakpoints: readonly string[] = t.phaseDiagram.breakpoints;
const md: string = table([{ expr: 'relu(z)' }], { format: 'md', columns: ['link', 'ie'] });
const sweep: Promise<number> = verify({ d: [32, 64], seeds: 2 }).then((r) => r.seedsFinished);
const e: Error = new OutOfRangeError('x');
// @ts-expect-error: an unknown algorithm is a type error
thresholds({ algo: 'sgd' });
export { ie, breakpoints, md, sweep, e };
`,
    );
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
