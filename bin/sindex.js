#!/usr/bin/env node
// Launcher: the CLI is bundled into dist/ by `npm run build` (run automatically by `npm ci`/`npm install` through "prepare").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/sindex.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('sindex: dist/sindex.js is missing; run `npm run build` (or `npm ci`) in the sindex folder first\n');
  process.exit(1);
}
await import(bundle.href);
