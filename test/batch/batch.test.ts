// `sindex batch`: JSON lines in, one JSON line out per input line, in order, streamed; errors on
// their own line without stopping the stream; results with provenance that reproduces them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchCommand } from '../../cli/batch.js';
import { OutOfRangeError } from '../../src/errors.js';
import { analyze, thresholds } from '../../src/index.js';
import { readmeBlock } from '../api/readmeBlocks.js';

type Line = Record<string, any>;

async function batch(input: string, ...argv: string[]): Promise<{ code: number; lines: Line[]; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await batchCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { input: Readable.from([input]) });
  return {
    code,
    lines: out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line),
    out,
    err,
  };
}

const json = (o: unknown) => JSON.stringify(o);

describe('sindex batch', () => {
  it('answers each line in order, with its line number, id and provenance', async () => {
    const input = [
      json({ command: 'analyze', link: 'relu(z)', maxDegree: 8 }),
      '',
      json({ command: 'thresholds', target: 'He3(z)', algo: 'online', id: 'he3-online' }),
      json({ command: 'analyze', link: 'He(4, z)', id: 7 }),
    ].join('\n');
    const r = await batch(input);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.lines.map((l) => l.line)).toEqual([1, 3, 4]); // the blank line 2 gives no output
    const [relu, he3, he4] = r.lines as [Line, Line, Line];
    expect(relu.informationExponent).toBe(1);
    expect(relu.coefficients).toHaveLength(9);
    expect(relu.id).toBeUndefined();
    expect(relu.provenance).toMatchObject({ command: 'analyze', input: 'relu(z)', options: { maxDegree: 8, timeLimit: 10 } });
    expect(he3.id).toBe('he3-online');
    expect(he3.algorithm).toBe('online');
    expect(he3.provenance).toMatchObject({ command: 'thresholds', input: 'He(3, z)', options: { algo: 'online', timeLimit: 20 } });
    expect(he4.id).toBe(7);
    expect(he4.informationExponent).toBe(4);
  });

  it('prints what the library returns, so a saved line is reproduced from its provenance', async () => {
    const r = await batch(
      [
        json({ command: 'analyze', link: 'tanh(a*z)', set: { a: '-3' }, maxDegree: 8, noise: '1/10' }),
        json({ command: 'thresholds', target: 'He3(z)', algo: 'batch-reuse' }),
      ].join('\n'),
    );
    const [a, t] = r.lines as [Line, Line];
    const { line: _a, ...analysis } = a;
    const { line: _t, ...threshold } = t;
    expect(analysis).toEqual(JSON.parse(json(analyze('tanh(a*z)', { set: { a: '-3' }, maxDegree: 8, noise: '1/10' }))));
    expect(threshold).toEqual(JSON.parse(json(thresholds({ target: 'He3(z)', algo: 'batch-reuse' }))));
    // the saved provenance, fed back as a line, gives the same result (the link as parsed this time)
    const again = await batch(
      [
        json({ command: 'analyze', link: a.provenance.input, ...a.provenance.options }),
        json({ command: 'thresholds', target: t.provenance.input, ...t.provenance.options }),
      ].join('\n'),
    );
    const [a2, t2] = again.lines as [Line, Line];
    expect({ ...a2, input: null, line: null }).toEqual({ ...a, input: null, line: null });
    expect(a2.provenance).toEqual(a.provenance);
    expect({ ...t2, line: null }).toEqual({ ...t, line: null });
  });

  it('reports every kind of bad line as an error object on its line and goes on', async () => {
    const input = [
      '{"command": "analyze", "link": ', // not JSON
      json({ command: 'analyze', link: 'rleu(z)' }),
      json({ command: 'thresholds', target: 'He3(z)', student: '2*(z+' }),
      json({ command: 'analyze', link: 'exp(z^2)' }),
      json({ command: 'analyze', link: 'z', maxdegree: 3 }),
      json({ command: 'analyse', link: 'z' }),
      json({ link: 'z' }),
      json(['analyze', 'z']),
      json({ command: 'analyze', link: 'z', noise: '-1', id: 'neg' }),
      json({ command: 'thresholds', algo: 'custom' }),
      json({ command: 'analyze', link: 'He3(z)' }),
    ].join('\n');
    const r = await batch(input);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const errors = r.lines.slice(0, 10).map((l) => l.error);
    expect(errors.every((e) => e && typeof e.message === 'string' && 'position' in e && typeof e.kind === 'string')).toBe(true);
    expect(errors[0]).toMatchObject({ kind: 'ParseError', field: null });
    expect(errors[0].message).toMatch(/^line 1 is not valid JSON/);
    expect(errors[1]).toEqual({ kind: 'ParseError', message: "unknown function 'rleu'", position: 0, hint: "did you mean 'relu'?", field: 'link' });
    expect(errors[2]).toMatchObject({ kind: 'ParseError', field: 'student' });
    expect(errors[2].position).toBeGreaterThanOrEqual(4);
    expect(errors[3]).toMatchObject({ kind: 'DomainError', position: null });
    expect(errors[3].message).toMatch(/not in L²/);
    expect(errors[4]).toMatchObject({ kind: 'OutOfRangeError', message: expect.stringContaining("unknown option 'maxdegree' (did you mean 'maxDegree'?)") });
    expect(errors[5].message).toMatch(/^unknown command "analyse" \(commands: analyze, thresholds\)/);
    expect(errors[6].message).toMatch(/no "command"/);
    expect(errors[7].message).toMatch(/a batch line is a JSON object/);
    expect(r.lines[8]).toEqual({
      line: 9,
      id: 'neg',
      error: { kind: 'OutOfRangeError', message: "--noise is the label-noise variance Δ ≥ 0, got '-1'", position: null, hint: null, field: null },
    });
    expect(errors[9].message).toMatch(/--algo custom needs the oracle/);
    expect(r.lines[10]!.informationExponent).toBe(3);
  });

  it('gives each line its own time limit: --time-limit, overridden by the line', async () => {
    const slow = json({ command: 'analyze', link: 'tanh(z)*sin(3*z)' });
    const own = json({ command: 'analyze', link: 'tanh(z)*sin(3*z)', timeLimit: 30 });
    const r = await batch([slow, own, json({ command: 'analyze', link: 'He3(z)' })].join('\n'), '--time-limit', '0.0001');
    expect(r.lines).toHaveLength(3);
    expect(r.lines[0]!.error).toMatchObject({ kind: 'OutOfRangeError', message: expect.stringContaining('time limit of 0.0001 s') });
    expect(r.lines[1]!.error).toBeUndefined();
    expect(r.lines[1]!.provenance.options.timeLimit).toBe(30);
    expect(r.lines[2]!.provenance.options.timeLimit).toBe(0.0001); // exact work never waits for the limit
    expect(r.lines[2]!.informationExponent).toBe(3);
    await expect(batch('', '--time-limit', '0')).rejects.toThrow("--time-limit must be a number of seconds in (0, 86400], or 'none', got '0'");
    const none = await batch(json({ command: 'analyze', link: 'z' }), '--time-limit', 'none');
    expect(none.lines[0]!.provenance.options.timeLimit).toBeNull();
  });

  it('streams: a line is answered before the next one arrives', async () => {
    const input = new PassThrough();
    const outputs: string[] = [];
    let notify: () => void = () => {};
    const io = {
      out: (t: string) => {
        outputs.push(t);
        notify();
      },
      err: () => {},
    };
    const done = batchCommand([], io, { input });
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    let waiting = next();
    input.write(`${json({ command: 'analyze', link: 'He3(z)' })}\n`);
    await waiting;
    expect(outputs).toHaveLength(1);
    expect(JSON.parse(outputs[0]!).informationExponent).toBe(3);
    waiting = next();
    input.write(`${json({ command: 'analyze', link: 'He(5, z)' })}\r\n`); // CRLF is fine
    await waiting;
    expect(JSON.parse(outputs[1]!)).toMatchObject({ line: 2, informationExponent: 5 });
    input.end(json({ command: 'analyze', link: 'He(6, z)' })); // a last line without a newline
    expect(await done).toBe(0);
    expect(outputs.map((o) => JSON.parse(o).line)).toEqual([1, 2, 3]);
    expect(outputs.every((o) => o.endsWith('\n') && !o.slice(0, -1).includes('\n'))).toBe(true);
  });

  it('reads a file; a missing file or a second file is a user error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-batch-'));
    const file = join(dir, 'links.jsonl');
    writeFileSync(file, `${json({ command: 'analyze', link: 'He(4, z)' })}\n${json({ command: 'analyze', link: 'relu(z)' })}\n`);
    let out = '';
    const io = { out: (t: string) => (out += t), err: () => {} };
    expect(await batchCommand([file], io)).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).informationExponent),
    ).toEqual([4, 1]);
    await expect(batchCommand([join(dir, 'nope.jsonl')], io)).rejects.toThrow(OutOfRangeError);
    await expect(batchCommand([join(dir, 'nope.jsonl')], io)).rejects.toThrow(/batch: cannot read .*nope\.jsonl/);
    await expect(batchCommand([dir], io)).rejects.toThrow(/it is a directory/);
    await expect(batchCommand([file, file], io)).rejects.toThrow(/one file of JSON lines/);
  });

  it("the README's Python snippet runs (when python3 is here)", () => {
    const python = spawnSync('python3', ['--version']);
    if (python.status !== 0) return;
    const code = readmeBlock('## Batch (Jupyter)', 'python');
    expect(code.split('\n').length).toBeLessThanOrEqual(12);
    // `sindex batch` → this checkout's batch command, run from source
    const driver =
      "const { batchCommand } = await import('./cli/batch.ts'); const { processIo } = await import('./cli/io.ts'); process.exitCode = await batchCommand(process.argv.slice(1), processIo);";
    const command = json([process.execPath, '--import', 'tsx', '--input-type=module', '-e', driver]);
    const script = code.replace(/^SINDEX = .*$/m, `SINDEX = ${command}`);
    expect(script).not.toBe(code);
    const r = spawnSync('python3', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'relu(z) IE 1 GE 1',
      'tanh(z) IE 1 GE 1',
      'He(3, z) IE 3 GE 1',
      'z^2*exp(-z^2) IE 4 GE 4',
      "5 error: unknown function 'rleu'",
      "He(3, z) breakpoints ['1', '3/2']",
    ]);
  });
});
