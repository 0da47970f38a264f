// The three readers of a score output (`verify`, `report`, `monitor --decisions`) held to one exit code
// for each case where they still disagreed. Before:
// - a run manifest beside the file that cannot be read: report and verify exited 3, monitor warned, exit 0;
// - the empty output of a run that ended having written no line (an empty input, every record rejected
//   to --errors): report exited 0, verify said "no decision found" and exited 3;
// - an object line with neither `decision` nor `error` ({"line":4,"x":1}): report named its reason
//   ("neither a score output line ... nor a Decision: ..."), verify listed the Decision schema's issues
//   as a decision that "does not verify";
// - a line removed from a finished run's output, beside its manifest: report exited 3, verify 0 (every
//   remaining line verified; the manifest beside was read for line order only), monitor measured it (0);
// - the empty output of a run that ended having written no line: monitor exited 1 ("holds no records");
// - report held a file to the manifest beside it in words of its own ("holds 2 decisions, but the run that
//   wrote it recorded 3"; "is not the file the run wrote: its bytes ..."): it now says verify's and monitor's;
// - a file of blank lines only, beside a manifest with no digest recording a run that wrote no line:
//   report and monitor exited 0, verify 3 (score writes no blank line; nothing vouches for those bytes).
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { splitLines } from '../../src/cli/score/splitLines.js';
import { digestOf } from '../../src/cli/score/writtenFiles.js';
import { defaultMonitorBaselinePath } from '../../src/monitor/defaultMonitorBaselinePath.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorDecisions } from '../../src/monitor/runMonitor.js';
import { captureIo } from './fakeDecider.js';
import { runReaders, scoredExamples, type ScoredExamples } from './scoreOutputReaderRig.js';

let rig: ScoredExamples;
let file: (name: string) => string;
let base: readonly string[];
beforeAll(async () => {
  rig = await scoredExamples('readers-agree', 3);
  ({ file, base } = rig);
}, 90_000);
afterAll(() => rig?.remove());

const readers = runReaders;

describe('verify, report and monitor --decisions exit alike', () => {
  it('a run manifest beside the file that cannot be read: exit 3 in all three (monitor was 0)', async () => {
    const path = file('damaged.ndjson');
    writeFileSync(path, `${base.join('\n')}\n`);
    writeFileSync(`${path}.run.json`, '{"kind":"creditlift-score-run",');
    const r = await readers(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    const result = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { exitCode: number; warnings: string[] };
    expect(result.exitCode).toBe(3);
    expect(result.warnings.join('\n')).toMatch(/damaged\.ndjson\.run\.json could not be read/);
    // The same file with its manifest intact is clean in all three: the manifest alone made the 3.
    writeFileSync(`${path}.run.json`, readFileSync(`${file('base.ndjson')}.run.json`));
    const intact = await readers(path);
    expect(intact.exits.verify).toBe(0);
    expect(intact.exits.report).toBe(0);
    expect(intact.exits.monitor).not.toBe(3);
  }, 60_000);

  it('the empty output of a run of an empty input, run to its end: exit 0 in all three (verify was 3, monitor 1), monitor saying the run decided nothing', async () => {
    writeFileSync(file('empty-in.ndjson'), '');
    const path = file('none.ndjson');
    expect(await runScoreCommand(['--in', file('empty-in.ndjson'), '--out', path], captureIo().io)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('');
    const r = await readers(path);
    expect(r.exits).toEqual({ report: 0, verify: 0, monitor: 0 });
    expect(r.verify).toMatch(/no decision found in .*none\.ndjson: .*none\.ndjson\.run\.json.* records that its run ended having written no line to it/);
    expect(r.verify).not.toMatch(/nothing was verified; no record was written/);
    expect(r.report).not.toMatch(/holds no decision/);
    expect(r.monitor).not.toMatch(/holds no records/);
    expect(r.monitor).toMatch(
      /note: .*none\.ndjson\.run\.json records that its run ended having written no line to .*none\.ndjson: the run decided nothing, so nothing was measured/,
    );
    const result = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { records: number; exitCode: number; warnings: string[] };
    expect(result).toMatchObject({ records: 0, exitCode: 0 });
    expect(result.warnings.join('\n')).toMatch(/the run decided nothing/);
  }, 60_000);

  it('an empty file with no manifest beside it stays a file of nothing: 3 in verify and report, 1 in monitor (its "no records" failure)', async () => {
    const path = file('bare-empty.ndjson');
    writeFileSync(path, '');
    const r = await readers(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 1 });
    expect(r.monitor).toMatch(/holds no records: nothing was monitored/);
    expect(r.monitorWarnings).toBe('');
  }, 60_000);

  it("a line removed from a finished run's output: exit 3 in all three (verify was 0: every remaining line verified), each naming the difference", async () => {
    const path = file('removed.ndjson');
    writeFileSync(path, `${[base[0], base[2]].join('\n')}\n`);
    writeFileSync(`${path}.run.json`, readFileSync(`${file('base.ndjson')}.run.json`));
    const r = await readers(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    expect(r.verify).toMatch(/verified 2 of 2 decision\(s\)/);
    expect(r.verify).toMatch(
      /removed\.ndjson is not the file the run wrote \(by the run manifest beside it, .*removed\.ndjson\.run\.json\): .*bytes.*; it holds 2 decision\(s\), the run recorded 3/,
    );
    // One rule, one wording: report says what verify and monitor say, once.
    expect(r.report).toMatch(
      /warning: .*removed\.ndjson is not the file the run wrote \(by the run manifest beside it, .*removed\.ndjson\.run\.json\): its bytes are not those the run wrote .*; it holds 2 decision\(s\), the run recorded 3; its figures are not the run's/,
    );
    expect(r.report.match(/is not the file the run wrote/g)).toHaveLength(1);
    expect(r.report).not.toMatch(/but the run that wrote it recorded/);
    expect(r.html).toMatch(/removed\.ndjson is not the file the run wrote \(by the run manifest beside it/);
    expect(r.monitorWarnings).toMatch(/removed\.ndjson is not the file the run wrote .*it holds 2 decision\(s\), the run recorded 3/);
    const result = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { exitCode: number };
    expect(result.exitCode).toBe(3);
  }, 60_000);

  it('monitorDecisions counts the lines read as decisions, measured or not (a repeat, a seal failed), and no error line: as a run manifest counts them', async () => {
    const tampered = JSON.parse(base[2]!) as { line: number; decision: { limit: number } };
    tampered.decision.limit += 100;
    const path = file('counted.ndjson');
    writeFileSync(path, `${[base[0], base[1], base[1], JSON.stringify(tampered), '{"line":9,"error":{"code":"data_invalid"}}'].join('\n')}\n`);
    const baseline = parseMonitorBaseline(JSON.parse(readFileSync(defaultMonitorBaselinePath(), 'utf8')));
    const result = await monitorDecisions({ lines: splitLines(createReadStream(path)), baseline, period: 'month' });
    expect(result.records).toBe(5);
    expect(result.decisionLines).toBe(4);
  });

  it('a line removed, beside a manifest recording no digest (an older creditlift, a run a signal stopped): the count alone says so, exit 3 in all three', async () => {
    const path = file('removed-nodigest.ndjson');
    writeFileSync(path, `${[base[0], base[1]].join('\n')}\n`);
    const manifest = JSON.parse(readFileSync(`${file('base.ndjson')}.run.json`, 'utf8')) as { status: { files?: unknown } };
    delete manifest.status.files;
    writeFileSync(`${path}.run.json`, JSON.stringify(manifest));
    const r = await readers(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    expect(r.verify).toMatch(/is not the file the run wrote .*: it holds 2 decision\(s\), the run recorded 3/);
    expect(r.verify).not.toMatch(/bytes/);
    expect(r.report).toMatch(
      /removed-nodigest\.ndjson is not the file the run wrote \(by the run manifest beside it, .*\): it holds 2 decision\(s\), the run recorded 3; its figures/,
    );
    expect(r.report).not.toMatch(/bytes/);
    // The whole output beside the same manifest: all three take it (the manifest alone did not make the 3).
    writeFileSync(path, `${base.join('\n')}\n`);
    const whole = await readers(path);
    expect(whole.exits.verify).toBe(0);
    expect(whole.exits.report).toBe(0);
    expect(whole.exits.monitor).not.toBe(3);
  }, 60_000);

  it('the empty output of a run that rejected every record to --errors: exit 0 in verify (was 3) as in report', async () => {
    writeFileSync(file('bad.ndjson'), `${JSON.stringify({ id: 'a' })}\n${JSON.stringify({ id: 'b' })}\n`);
    const path = file('apart.ndjson');
    expect(await runScoreCommand(['--in', file('bad.ndjson'), '--out', path, '--errors', file('apart.err.ndjson')], captureIo().io)).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe('');
    const r = await readers(path);
    expect(r.exits.verify).toBe(0);
    expect(r.exits.report).toBe(0);
  }, 60_000);

  it('an empty output whose manifest records no end (a killed run), or rejected lines it should hold: exit 3 in verify and report', async () => {
    const manifest = JSON.parse(readFileSync(`${file('none.ndjson')}.run.json`, 'utf8')) as {
      status: { state: string; exitCode?: number; decisions?: number; rejected?: number; files?: unknown };
    };
    const killed = file('killed.ndjson');
    writeFileSync(killed, '');
    const { exitCode: _e, decisions: _d, rejected: _r, files: _f, ...running } = manifest.status;
    writeFileSync(`${killed}.run.json`, JSON.stringify({ ...manifest, status: { ...running, state: 'running' } }));
    const k = await readers(killed);
    expect(k.exits.verify).toBe(3);
    expect(k.exits.report).toBe(3);
    expect(k.verify).toMatch(/no decision found in .*killed\.ndjson: nothing was verified/);
    // Ended, no decision, but two error lines in the output it recorded: an empty file is not that run's.
    const lost = file('lost.ndjson');
    writeFileSync(lost, '');
    const { files: _lostFiles, ...ended } = manifest.status;
    writeFileSync(`${lost}.run.json`, JSON.stringify({ ...manifest, status: { ...ended, rejected: 2 } }));
    const l = await readers(lost);
    expect(l.exits.verify).toBe(3);
    expect(l.exits.report).toBe(3);
  }, 60_000);

  it('blank lines only, beside a manifest with no digest recording a run that wrote no line: exit 3 in all three (report and monitor were 0), each naming the bytes', async () => {
    // Score writes no blank line (each output line is {"line":N,...}), so these bytes are not the run's,
    // and with no digest recorded nothing vouches for them.
    const manifest = JSON.parse(readFileSync(`${file('none.ndjson')}.run.json`, 'utf8')) as { status: { files?: { output: unknown } } };
    expect(manifest.status.files).toBeDefined();
    const { files: _f, ...noDigest } = manifest.status;
    const path = file('blank.ndjson');
    writeFileSync(path, '\n \t\n\n');
    writeFileSync(`${path}.run.json`, JSON.stringify({ ...manifest, status: noDigest }));
    const r = await readers(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    const said =
      /blank\.ndjson is not the file the run wrote \(by the run manifest beside it, .*blank\.ndjson\.run\.json\): it holds 5 byte\(s\), the run recorded writing no line to it \(score writes no blank line\); its figures are not the run's/;
    expect(r.verify).toMatch(said);
    expect(r.report).toMatch(said);
    expect(r.monitorWarnings).toMatch(said);
    expect(r.monitor).not.toMatch(/the run decided nothing/);
    // The same blank lines beside a digest of them (a resume keeps a blank line it finds, and records the
    // bytes it left): the run vouches for them, and all three take the file (the missing digest made the 3).
    writeFileSync(`${path}.run.json`, JSON.stringify({ ...manifest, status: { ...noDigest, files: { output: await digestOf(path) } } }));
    const vouched = await readers(path);
    expect(vouched.exits).toEqual({ report: 0, verify: 0, monitor: 0 });
    expect(vouched.verify).toMatch(/records that its run ended having written no line to it/);
    // And a zero-byte file beside the manifest with no digest is still that run's: exit 0 in all three.
    writeFileSync(path, '');
    writeFileSync(`${path}.run.json`, JSON.stringify({ ...manifest, status: noDigest }));
    expect((await readers(path)).exits).toEqual({ report: 0, verify: 0, monitor: 0 });
  }, 60_000);

  it("an object line with neither decision nor error: verify names report's reason (it listed the Decision schema's issues), exit 3 in all three", async () => {
    const path = file('other.ndjson');
    writeFileSync(path, `${[...base, '{"line":4,"x":1}'].join('\n')}\n`);
    const r = await readers(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    expect(r.report).toMatch(/neither a score output line \(\{"line":N,"decision":\.\.\.\} or \{"line":N,"error":\.\.\.\}\) nor a Decision: /);
    expect(r.verify).toMatch(
      /^line 4: not read: neither a score output line \(\{"line":N,"decision":\.\.\.\} or \{"line":N,"error":\.\.\.\}\) nor a Decision: /m,
    );
    expect(r.verify).not.toMatch(/does not verify/);
    expect(r.verify).toMatch(/verified 3 of 3 decision\(s\) .*; 1 line\(s\) not read/);
  }, 60_000);

  it('a bare decision whose seal fails is still one that does not verify, not a line not read', async () => {
    const bare = JSON.parse(base[0]!).decision as { limit: number };
    const path = file('bare.ndjson');
    writeFileSync(path, `${JSON.stringify({ ...bare, limit: bare.limit + 100 })}\n`);
    const v = captureIo();
    expect(await runVerifyCommand([path], v.io)).toBe(3);
    expect(v.out()).toMatch(/^line 1 \(dec_[^)]*\): does not verify\n {2}- audit\.contentHash: /m);
  });
});
