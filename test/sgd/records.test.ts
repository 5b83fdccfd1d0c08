// The engines reproduce, bit for bit, the outputs recorded from the engine before its hot loops
// were generated (test/fixtures/sgd/records.ts says what the record covers and how it was made).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sgdRecords } from '../fixtures/sgd/records.js';

const recorded = JSON.parse(readFileSync(new URL('../fixtures/sgd/records.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the SGD engines against their recorded outputs', () => {
  let cached: Record<string, unknown> | undefined;
  const now = () => (cached ??= sgdRecords() as Record<string, unknown>);
  it('records every part', () => {
    expect(Object.keys(now())).toEqual(Object.keys(recorded));
  });
  for (const part of Object.keys(recorded)) {
    it(part, () => {
      expect(now()[part]).toEqual(recorded[part]);
    });
  }
});
