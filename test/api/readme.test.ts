// The README's "## Library" example runs against src/index.ts (test/package runs it against the
// built package): every `console.log(…); // OUTPUT` line must print OUTPUT.
import { format } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { promisedOutputs, readmeBlock } from './readmeBlocks.js';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;

describe("README '## Library'", () => {
  const code = readmeBlock('## Library', 'js');

  it('imports from the package name only', () => {
    expect(code).toMatch(/^import \{[^}]+\} from 'sindex';$/m);
    expect(code).not.toMatch(/from '(?!sindex')/);
  });

  it('runs against src/index.ts and prints what its comments say', async () => {
    // `import { a, b } from 'sindex'` → the same names from the module under test
    const body = code.replace(/^import (\{[^}]+\}) from 'sindex';$/m, 'const $1 = sindex;');
    const printed: string[] = [];
    const console = { log: (...args: unknown[]) => printed.push(format(...args)) };
    await new AsyncFunction('sindex', 'console', body)(api, console);
    expect(printed).toEqual(promisedOutputs(code));
  });
});
