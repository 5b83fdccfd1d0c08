// Build dist/: the CLI bundled into ESM chunks (start-up stays short: `sindex analyze` ~0.15 s, and
// the UI chunk, ink + react, loaded only when the UI opens, paints in ~0.25 s) and the library
// (dist/index.js, `import { analyze } from 'sindex'`); with --types (`npm run build`, and `prepare`,
// which npm ci and npm pack run) also its type declarations (dist/types). Without --types the
// declarations of the previous build are kept. Everything is built into a fresh folder that then
// replaces dist/ in one rename, so a sindex started meanwhile never sees a half-built dist/ and no
// stale chunk survives.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const out = `dist.build-${process.pid}`;
rmSync(out, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __sindexCreateRequire } from 'node:module'; const require = __sindexCreateRequire(import.meta.url);" },
};

try {
  await Promise.all([
    build({
      ...common,
      entryPoints: { sindex: 'cli/index.ts', verifyWorker: 'cli/verifyWorker.ts', escapeWorker: 'cli/escapeWorker.ts', uiWorker: 'cli/ui/engineWorker.ts' },
      outdir: out,
      splitting: true, // the Ink UI is a chunk loaded only when the UI opens
      jsx: 'automatic',
      // ink and react are bundled into the UI chunk (importing ink from node_modules costs ~350 ms);
      // react-devtools-core is ink's optional dev tooling, never loaded in production
      external: ['react-devtools-core'],
      minify: true,
      sourcemap: false,
    }),
    // the library: one file, names kept so that errors and stack traces read as in the source
    build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: out, minifySyntax: true, minifyWhitespace: true, keepNames: true }),
  ]);
  if (process.argv.includes('--types')) declarations(join(out, 'types'));
  else if (existsSync(join('dist', 'types', 'index.d.ts'))) cpSync(join('dist', 'types'), join(out, 'types'), { recursive: true });
  const old = `dist.old-${process.pid}`;
  if (existsSync('dist')) renameSync('dist', old);
  renameSync(out, 'dist');
  rmSync(old, { recursive: true, force: true });
} catch (e) {
  rmSync(out, { recursive: true, force: true });
  throw e;
}

/**
 * The .d.ts files of src/index.ts and what it imports (tsconfig.build.json), emitted without
 * type-checking (`npm test` type-checks). tsc still takes 5–10 s, so its output is kept in
 * node_modules/.cache under a hash of the sources and reused while they are unchanged.
 */
function declarations(target) {
  const files = ['build.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json', ...sources('src')].sort();
  const hash = createHash('sha256');
  hash.update(require('typescript/package.json').version);
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(f)).update('\0');
  const root = join('node_modules', '.cache', 'sindex-types');
  const cache = join(root, hash.digest('hex').slice(0, 16));
  if (!existsSync(join(cache, 'index.d.ts'))) {
    mkdirSync(root, { recursive: true });
    const fresh = `${cache}.tmp-${process.pid}`;
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck', '--outDir', fresh], {
      encoding: 'utf8',
    });
    if (!existsSync(join(fresh, 'index.d.ts'))) {
      rmSync(fresh, { recursive: true, force: true });
      throw new Error(`build: tsc emitted no declarations:\n${tsc.stdout}${tsc.stderr}`);
    }
    if (tsc.status !== 0) process.stderr.write(`build: warning: tsc reported problems (dist/types is written anyway):\n${tsc.stdout}${tsc.stderr}`);
    try {
      renameSync(fresh, cache);
    } catch (e) {
      rmSync(fresh, { recursive: true, force: true });
      if (!existsSync(join(cache, 'index.d.ts'))) throw e; // else a build running beside this one stored the same
    }
    for (const entry of readdirSync(root)) {
      if (entry !== basename(cache) && !entry.includes('.tmp-')) rmSync(join(root, entry), { recursive: true, force: true }); // keep the newest only
    }
  }
  cpSync(cache, target, { recursive: true });
}

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}
