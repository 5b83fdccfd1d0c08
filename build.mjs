// Bundle the CLI into ESM chunks. Bundling keeps start-up short: `sindex analyze` ~0.15 s,
// and the UI chunk (ink + react, loaded only when the UI opens) paints in ~0.25 s.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true }); // no stale chunks from earlier builds

await build({
  entryPoints: { sindex: 'cli/index.ts', verifyWorker: 'cli/verifyWorker.ts', uiWorker: 'cli/ui/engineWorker.ts' },
  outdir: 'dist',
  splitting: true, // the Ink UI is a chunk loaded only when the UI opens
  jsx: 'automatic',
  // ink and react are bundled into the UI chunk (importing ink from node_modules costs ~350 ms);
  // react-devtools-core is ink's optional dev tooling, never loaded in production
  external: ['react-devtools-core'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __sindexCreateRequire } from 'node:module'; const require = __sindexCreateRequire(import.meta.url);" },
});
