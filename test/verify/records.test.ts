// Sweep files: the fingerprint (what it covers and what it leaves to the plan check) and the
// reading of headers and records.
import { describe, expect, it } from 'vitest';
import { sweepConfigFrom } from '../../cli/verify.js';
import { planSweep } from '../../src/verify/plan.js';
import { configDifferences, fnv1a64, headerLine, parseRecords, recordLine, SweepRecords, sweepFingerprint, type SeedRecord } from '../../src/verify/records.js';

const config = (flags: Record<string, string | string[]> = {}) => sweepConfigFrom({ target: 'He3(z)', d: '16,32', seeds: '4', ...flags });

describe('sweepFingerprint', () => {
  it('is 64-bit FNV-1a (reference vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('covers what defines a seed’s result, not the sweep’s extent or the order of --set', () => {
    const base = sweepFingerprint(config());
    expect(sweepFingerprint(config())).toBe(base);
    expect(sweepFingerprint(config({ d: '16,32,64,512', seeds: '100' }))).toBe(base);
    expect(sweepFingerprint(config({ target: 'He4(z)' }))).not.toBe(base);
    expect(sweepFingerprint(config({ seed: '2' }))).not.toBe(base);
    expect(sweepFingerprint(config({ 'max-steps': '1000' }))).not.toBe(base);
    expect(sweepFingerprint(config({ alpha: '0,1' }))).not.toBe(base); // a task's seed depends on α's index
    const ab = config({ target: 'He3(a*z)+b*z', set: ['a=2', 'b=1/3'] });
    const ba = config({ target: 'He3(a*z)+b*z', set: ['b=1/3', 'a=2'] });
    expect(sweepFingerprint(ab)).toBe(sweepFingerprint(ba));
    expect(configDifferences(ab, ba)).toEqual([]);
  });

  it('names the fields in which two sweeps differ', () => {
    expect(configDifferences(config({ target: 'He4(z)' }), config())).toEqual(['target He4(z) ≠ He3(z)']);
    expect(configDifferences(config({ d: '64' }), config())).toEqual(['ds [64] ≠ [16,32]']);
  });
});

describe('parseRecords and SweepRecords', () => {
  const c = config();
  const plan = planSweep(c);
  const fp = sweepFingerprint(c);
  const record = (i: number): SeedRecord => ({ ...plan.tasks[i]!, hit: 10 + i, hitAbs: 10 + i, steps: 10 + i, diverged: null });

  it('takes the header from the first line only; a later header, a record with an inconsistent key and torn lines are skipped', () => {
    const bad = JSON.stringify({ ...record(1), key: '0|16|3' });
    const text = `${headerLine(c) + recordLine(record(0), fp) + headerLine(c) + bad}\n{"key":\n`;
    const parsed = parseRecords(text);
    expect(parsed.header?.fp).toBe(fp);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.problems).toEqual([
      'line 3: a second sweep header (files joined together? combine sweep files with sindex merge), skipped',
      'line 4: not a seed record, skipped',
      'line 5: not valid JSON (a torn or corrupt line), skipped',
    ]);
    expect(parseRecords(recordLine(record(0), fp) + headerLine(c)).header).toBeNull();
  });

  it('keeps the records of this sweep once each, in its plan and its shard', () => {
    const other = sweepFingerprint(config({ target: 'He4(z)' }));
    const lines = [
      headerLine(c, 2, '1/2'),
      recordLine(record(0), fp, '1/2'),
      recordLine(record(0), fp, '1/2'), // duplicate
      recordLine(record(2), other, '1/2'), // another sweep
      recordLine(record(1), fp, '1/2'), // task of shard 2/2
      recordLine(record(2), fp, null), // stamped as the whole sweep
      recordLine({ ...record(2), d: 64, key: '0|64|2' }, fp, '1/2'), // outside the plan
      `${JSON.stringify(record(4))}\n`, // no fingerprint
      recordLine(record(4), fp, '1/2'),
    ].join('');
    const kept = new SweepRecords(c, plan.tasks);
    kept.addFile('s.jsonl', parseRecords(lines), { shard: { index: 1, count: 2 }, stamped: true });
    expect(kept.records.map((r) => r.key)).toEqual([plan.tasks[0]!.key, plan.tasks[4]!.key]);
    expect(kept.skipped.map((s) => [s.line, s.reason.replace(/^\(.*?\) /, '')])).toEqual([
      [3, 'duplicate of line 2 (α = 0, d = 16, seed 0), skipped'],
      [4, `is from another sweep (fingerprint ${other}; this sweep's is ${fp}), skipped`],
      [5, "belongs to shard 2/2, not to this file's shard 1/2, skipped"],
      [6, 'was written by the whole sweep (no --shard), but the file is shard 1/2, skipped'],
      [7, "is not in this sweep's plan (α 0; d 16, 32; seeds 0–3), skipped"],
      [8, 'has no sweep fingerprint (not written by this sweep), skipped'],
    ]);
  });
});
