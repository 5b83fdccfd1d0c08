// Sign-symmetric sweeps (issue 14): an even link's runs stop at max_j |m_j| ≥ τ and count that as
// the hit. Checked against the same seeds run under the old rule (on to m ≥ τ), whose trajectory is
// the same up to hitAbs, so the new record is the old one cut there (asSignSymmetric) — and old
// sweep files are read that way, so resuming or merging them gives what a fresh sweep gives.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCommand, sweepConfigFrom, verifyCommand } from '../../cli/verify.js';
import { OutOfRangeError } from '../../src/errors.js';
import { planSweep, type SweepConfig } from '../../src/verify/plan.js';
import {
  asSignSymmetric,
  formatProblem,
  headerLine,
  parseRecords,
  recordLine,
  SWEEP_FORMAT,
  SweepRecords,
  sweepFingerprint,
  type Header,
  type SeedRecord,
} from '../../src/verify/records.js';
import { compileSweep, runTask, TaskRunner } from '../../src/verify/runTask.js';
import { sweepSignSymmetric } from '../../src/verify/signSymmetry.js';

const flags = (over: Record<string, string> = {}) => ({
  target: 'z^2',
  d: '16,24',
  alpha: '0',
  seeds: '6',
  'max-steps': '20000',
  seed: '3',
  init: 'signed',
  ...over,
});
const config = (over: Record<string, string> = {}): SweepConfig => sweepConfigFrom(flags(over));
const argv = (over: Record<string, string> = {}) => Object.entries(flags(over)).flatMap(([k, v]) => [`--${k}`, v]);

/** Every task's record under the old rule (no sign symmetry: on until max_j m_j ≥ τ). */
function oldRuleRecords(c: SweepConfig): SeedRecord[] {
  const sweep = { ...compileSweep(c), signSymmetric: false };
  return planSweep(c).tasks.map((t) => runTask(sweep, t));
}

describe('which sweeps are sign-symmetric', () => {
  it('even links exactly (parity on the tree, --set parameters substituted)', () => {
    expect(sweepSignSymmetric(config())).toBe(true);
    expect(sweepSignSymmetric(config({ target: 'abs(z) - He4(z)' }))).toBe(true);
    expect(sweepSignSymmetric(sweepConfigFrom({ ...flags({ target: 'z^2 + b*z' }), set: ['b=0'] }))).toBe(true);
    expect(sweepSignSymmetric(sweepConfigFrom({ ...flags({ target: 'z^2 + b*z' }), set: ['b=1/1000000'] }))).toBe(false);
    expect(sweepSignSymmetric(config({ target: 'He3(z)' }))).toBe(false);
    expect(sweepSignSymmetric(config({ target: 'relu(z)' }))).toBe(false);
    expect(planSweep(config()).signSymmetric).toBe(true);
  });
});

describe('the records of a sign-symmetric sweep', () => {
  for (const [name, over] of [
    ['width 1 (scalar chain, two seeds in turn)', {}],
    ['width 3 (Gram chain)', { width: '3' }],
    ['full engine, width 2', { engine: 'full', width: '2', d: '12,16', 'max-steps': '3000' }],
  ] as const) {
    it(`${name}: the old rule's record cut at hitAbs, flagged`, () => {
      const c = config(over);
      const plan = planSweep(c);
      const old = oldRuleRecords(c);
      const got: SeedRecord[] = [];
      let next = 0;
      new TaskRunner(
        compileSweep(c),
        () => plan.tasks[next++] ?? null,
        (r) => got.push(r),
      ).run();
      got.sort((a, b) => a.d - b.d || a.seedIndex - b.seedIndex);
      expect(got).toEqual(old.map(asSignSymmetric));
      expect(got.every((r) => r.signSymmetric === true && r.hit === r.hitAbs)).toBe(true);
      expect(got.map((r) => r.steps)).toEqual(old.map((r) => (r.hitAbs === null ? r.steps : r.hitAbs)));
    });
  }

  it('the old rule wasted steps on this sweep (seeds that reached −τ ran on): the case the rule is for', () => {
    const old = oldRuleRecords(config());
    expect(old.some((r) => r.hitAbs !== null && r.hit !== r.hitAbs)).toBe(true);
    const cut = old.map(asSignSymmetric);
    expect(cut.reduce((s, r) => s + r.steps, 0)).toBeLessThan(old.reduce((s, r) => s + r.steps, 0));
  });

  it('an odd link keeps the old rule and unflagged records', () => {
    const c = config({ target: 'He3(z)', 'max-steps': '2000' });
    const t = planSweep(c).tasks[0]!;
    const r = runTask(compileSweep(c), t);
    expect(r.signSymmetric).toBeUndefined();
    expect(r).toEqual(runTask({ ...compileSweep(c), signSymmetric: false }, t));
  });
});

describe('sweep files: format 2, and format-1 files of an even link', () => {
  it('the header says format 2; formats 1 and 2 are read, others refused', () => {
    expect(SWEEP_FORMAT).toBe(2);
    const header = parseRecords(headerLine(config())).header!;
    expect(header.sindexSweep).toBe(2);
    expect(formatProblem(header)).toBeNull();
    expect(formatProblem({ ...header, sindexSweep: 1 })).toBeNull();
    expect(formatProblem({ ...header, sindexSweep: 3 })).toMatch(/sweep format 3 is not one this sindex reads \(1 to 2; a file written by a newer sindex\?\)/);
  });

  it('records without the flag are read as asSignSymmetric gives them; a flagged record in an odd sweep is skipped', () => {
    const c = config();
    const plan = planSweep(c);
    const fp = sweepFingerprint(c);
    const old = oldRuleRecords(c);
    const text = headerLine(c).replace('"sindexSweep":2', '"sindexSweep":1') + old.map((r) => recordLine(r, fp)).join('');
    const gathered = new SweepRecords(c, plan.tasks);
    gathered.addFile('old.jsonl', parseRecords(text), { shard: null, stamped: true });
    expect(gathered.skipped).toEqual([]);
    expect(gathered.upgraded.get('old.jsonl')).toBe(old.length);
    expect(gathered.records.map(({ fp: _fp, shard: _shard, ...r }) => r)).toEqual(old.map(asSignSymmetric));
    // an odd sweep: a record that counts |m| ≥ τ cannot be one of its own
    const odd = config({ target: 'He3(z)' });
    const oddPlan = planSweep(odd);
    const flagged = { ...asSignSymmetric({ ...oddPlan.tasks[0]!, hit: null, hitAbs: 5, steps: 100, diverged: null }) };
    const g2 = new SweepRecords(odd, oddPlan.tasks);
    g2.addFile('x.jsonl', parseRecords(headerLine(odd) + recordLine(flagged, sweepFingerprint(odd))), { shard: null, stamped: true });
    expect(g2.size).toBe(0);
    expect(g2.skipped[0]!.reason).toBe("(α = 0, d = 16, seed 0) counts |m| ≥ τ as its hit, but this sweep's link is not even, skipped");
  });
});

describe('sindex verify and merge on an even link', () => {
  const io = () => {
    const o = { out: '', err: '' };
    return { o, io: { out: (t: string) => void (o.out += t), err: (t: string) => void (o.err += t) } };
  };

  it('says so in the headline and the JSON; median = median |m|', async () => {
    const text = io();
    expect(await verifyCommand([...argv(), '--workers', '1'], text.io)).toBe(0);
    expect(text.o.out.split('\n')[0]).toBe(
      '  even target: sign-symmetric, hits are |m| ≥ τ (the law of a run is invariant under θ* → −θ*; median = median |m|)',
    );
    const json = io();
    await verifyCommand([...argv(), '--workers', '1', '--json'], json.io);
    const parsed = JSON.parse(json.o.out) as { signSymmetric: boolean; runs: { median: number | null; medianAbs: number | null }[] };
    expect(parsed.signSymmetric).toBe(true);
    for (const r of parsed.runs) expect(r.median).toBe(r.medianAbs);
    const odd = io();
    await verifyCommand([...argv({ target: 'He3(z)', 'max-steps': '3000' }), '--workers', '1'], odd.io);
    expect(odd.o.out).not.toContain('sign-symmetric');
  });

  it('resuming and merging a format-1 file give what a fresh sweep gives, with a note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-sym-'));
    const c = config();
    const fp = sweepFingerprint(c);
    const old = oldRuleRecords(c);
    const oldHeader = headerLine(c).replace('"sindexSweep":2', '"sindexSweep":1');
    const fresh = io();
    await verifyCommand([...argv(), '--workers', '1', '--json'], fresh.io);
    const want = JSON.parse(fresh.o.out) as { runs: unknown; fits: unknown; stepsSimulated: number };
    // resume: half the seeds finished under the old rule
    const file = join(dir, 'half.jsonl');
    writeFileSync(
      file,
      oldHeader +
        old
          .filter((_, i) => i % 2 === 0)
          .map((r) => recordLine(r, fp))
          .join(''),
    );
    const resumed = io();
    expect(await verifyCommand([...argv(), '--workers', '1', '--json', '--out', file, '--resume'], resumed.io)).toBe(0);
    expect(resumed.o.err).toContain(
      `${file}: 6 records were written before sign-symmetric stopping (sweep format 1, runs on to m ≥ τ): read with the hit at |m| ≥ τ`,
    );
    const got = JSON.parse(resumed.o.out) as typeof want;
    expect(got.runs).toEqual(want.runs);
    expect(got.fits).toEqual(want.fits);
    expect(got.stepsSimulated).toBe(want.stepsSimulated);
    // the resumed file (old header, old and new lines) reads back the same way
    const again = new SweepRecords(c, planSweep(c).tasks);
    again.addFile(file, parseRecords(readFileSync(file, 'utf8')), { shard: null, stamped: true });
    expect(again.size).toBe(old.length);
    // merge: the whole sweep in a format-1 file
    const all = join(dir, 'all.jsonl');
    const merged = join(dir, 'merged.jsonl');
    writeFileSync(all, oldHeader + old.map((r) => recordLine(r, fp)).join(''));
    const m = io();
    expect(await mergeCommand([all, '--json', '--out', merged], m.io)).toBe(0);
    expect(m.o.err).toContain('12 records were written before sign-symmetric stopping');
    expect((JSON.parse(m.o.out) as typeof want).runs).toEqual(want.runs);
    const written = parseRecords(readFileSync(merged, 'utf8'));
    expect((written.header as Header).sindexSweep).toBe(2);
    expect(written.records.every((r) => r.signSymmetric === true)).toBe(true);
    // a file of a newer format is refused, not misread
    const newer = join(dir, 'newer.jsonl');
    writeFileSync(newer, headerLine(c).replace('"sindexSweep":2', '"sindexSweep":3'));
    await expect(verifyCommand([...argv(), '--workers', '1', '--out', newer, '--resume'], io().io)).rejects.toThrow(OutOfRangeError);
    await expect(verifyCommand([...argv(), '--workers', '1', '--out', newer, '--resume'], io().io)).rejects.toThrow(/sweep format 3/);
  });
});
