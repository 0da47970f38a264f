import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { scorerOptionsFrom } from '../../src/cli/openScorer.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { captureIo } from './fakeDecider.js';
import { flattenApplicant, rowsToCsv } from '../helpers/applicantCsv.js';
import { commandLineArgv } from '../helpers/commandLineBundle.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-cli-'));
const file = (name: string) => join(work, name);
let scorer: Scorer;
const expected = new Map<string, Decision>();

beforeAll(async () => {
  scorer = await createScorer();
  for (const ex of exampleApplicants) expected.set(ex.id, await scorer.decide(ex.applicant));
  writeFileSync(file('graduate.json'), JSON.stringify(exampleApplicants[0]!.applicant));
  // A first line (no current limit, so no step limit) with room to grow: certificates can raise it.
  const fresh = baseApplicantInput();
  writeFileSync(file('fresh.json'), JSON.stringify({ ...fresh, platform: { ...fresh.platform, currentLimit: 0, currentBalance: 0 } }));
});
afterAll(async () => {
  await scorer.close();
  rmSync(work, { recursive: true, force: true });
});

/** Flattens an applicant into dotted CSV columns, as a spreadsheet export would hold it. */
const outLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { line: number; decision?: Decision; error?: { code: string; issues: { path: (string | number)[] }[] } });
const same = (d: Decision) => ({ outcome: d.outcome, limit: d.limit, pd: d.pd, grade: d.grade, apr: d.apr, decisionId: d.audit.decisionId });

describe('creditlift decide / suggest / demo on the default model', () => {
  it('decide prints the Decision JSON the library gives for the same applicant', async () => {
    const c = captureIo();
    expect(await main(['decide', file('graduate.json')], c.io)).toBe(0);
    expect(same(JSON.parse(c.out()) as Decision)).toEqual(same(expected.get(exampleApplicants[0]!.id)!));
  });

  it('--model-evaluator onnxruntime reaches the scorer and decides byte for byte as the default; another value is a usage error (exit 2)', async () => {
    expect((await scorerOptionsFrom({ 'model-evaluator': 'onnxruntime' })).modelEvaluator).toBe('onnxruntime');
    expect((await scorerOptionsFrom({})).modelEvaluator).toBeUndefined();
    const forced = captureIo();
    expect(await main(['decide', file('graduate.json'), '--model-evaluator', 'onnxruntime'], forced.io)).toBe(0);
    const auto = captureIo();
    expect(await main(['decide', file('graduate.json'), '--model-evaluator', 'auto'], auto.io)).toBe(0);
    expect(forced.out()).toBe(auto.out());
    const bad = captureIo();
    expect(await main(['decide', file('graduate.json'), '--model-evaluator', 'fast'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/--model-evaluator must be "auto" or "onnxruntime", got "fast"/);
  });

  it('decide - reads standard input; --summary prints a readable summary', async () => {
    const c = captureIo({ readStdin: async () => JSON.stringify(exampleApplicants[1]!.applicant) });
    expect(await main(['decide', '-', '--summary'], c.io)).toBe(0);
    expect(c.out()).toMatch(/PD .* grade .* APR/);
    // A certificate's effect on the PD is a difference of probabilities: percentage points.
    const withCert = exampleApplicants.find((e) => (e.applicant.evidence ?? []).length > 0)!.applicant;
    const c2 = captureIo({ readStdin: async () => JSON.stringify(withCert) });
    expect(await main(['decide', '-', '--summary'], c2.io)).toBe(0);
    expect(c2.out()).toMatch(/lowered PD by -?\d+\.\d\d points/);
    expect(c2.out()).not.toMatch(/lowered PD by [-\d.]+%/);
  });

  it('decide exits 3 for a rejected applicant, listing every field at fault; 3 for bad JSON; 1 for a missing file', async () => {
    const bad = { ...exampleApplicants[0]!.applicant, gender: 'f', income: { source: 'payroll' } };
    writeFileSync(file('bad.json'), JSON.stringify(bad));
    const c = captureIo();
    expect(await main(['decide', file('bad.json')], c.io)).toBe(3);
    expect(c.err()).toMatch(/gender: .*protected/);
    expect(c.err()).toMatch(/income\.monthlyNet/);
    writeFileSync(file('broken.json'), '{"id":');
    const c2 = captureIo();
    expect(await main(['decide', file('broken.json')], c2.io)).toBe(3);
    expect(c2.err()).toMatch(/data_invalid.*not valid JSON/);
    expect(await main(['decide', file('nope.json')], captureIo().io)).toBe(1);
    expect(await main(['decide'], captureIo().io)).toBe(2);
  });

  it('suggest ranks certificates the applicant does not hold by limit gain (--top, --json, table)', async () => {
    const c = captureIo();
    expect(await main(['suggest', file('fresh.json'), '--top', '2', '--json'], c.io)).toBe(0);
    const s = JSON.parse(c.out()) as { items: { kind: string; limitGain: number }[] };
    expect(s.items).toHaveLength(2);
    expect(s.items[0]!.limitGain).toBeGreaterThanOrEqual(s.items[1]!.limitGain);
    expect(await main(['suggest', file('fresh.json'), '--top', '0'], captureIo().io)).toBe(2);
    const table = captureIo();
    expect(await main(['suggest', file('fresh.json')], table.io)).toBe(0);
    expect(table.out()).toMatch(/^#\s+kind\s+certificate/);
    expect(table.out()).toContain(s.items[0]!.kind);
    // The table says what every preview assumes beside the result (findings15-explain F4).
    expect(table.out()).toMatch(/Each limit is for a certificate issued on \d{4}-\d\d-\d\d, verified at confidence 0\.95/);
    const blocked = captureIo();
    expect(await main(['suggest', file('graduate.json')], blocked.io)).toBe(0);
    expect(blocked.out()).toMatch(/No certificate would raise this limit|^#/);
  });

  it('demo --json prints one decision per example', async () => {
    const c = captureIo();
    expect(await main(['demo', '--json'], c.io)).toBe(0);
    expect(c.out().trim().split('\n')).toHaveLength(exampleApplicants.length);
  });

  it('demo tells the story per example: first decision, upload and reassessment with the movement and why, factors with a legend, bilingual reasons, the budget assistant', async () => {
    const c = captureIo();
    expect(await main(['demo'], c.io)).toBe(0);
    const screens = c.out().split(/\n(?=== )/);
    for (const ex of exampleApplicants) {
      const screen = screens.find((s) => s.startsWith('== ') && s.includes(` ${ex.segment}: `));
      expect(screen, ex.segment).toBeDefined();
      expect(screen!.split('\n').length, `${ex.segment}: one screen`).toBeLessThanOrEqual(24);
      expect(screen).toMatch(/1\. First decision, before the upload: (APPROVE|REFER|DECLINE)/);
      expect(screen).toMatch(/Reassessed at once: ¥[\d,]+ -> ¥[\d,]+ \(the certificate [+-]¥[\d,]+/);
      expect(screen).toMatch(/Why: .+\n\s+\S*[\u4e00-\u9fff]/);
      expect(screen).toContain('+ raises risk');
      expect(screen).toMatch(/Budget assistant: healthy limit ¥/);
      if (ex.upload.raisesLimit) expect(screen, ex.segment).toMatch(/\(the certificate \+¥[1-9][\d,]*/);
      else expect(screen, ex.segment).toMatch(/\(the certificate \+¥0\)/);
    }
    expect(c.out()).toMatch(/Principal reasons.*:\n\s+- .+ \/ .*[\u4e00-\u9fff]/);
    // The README's "See it" transcript is this output, verbatim (regenerate it when decisions change).
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const transcript = /## See it[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(transcript).toBeDefined();
    expect(c.out()).toContain(transcript!.trimEnd());
    expect(c.out()).toMatch(/Reassessed later: the limit stays ¥[\d,]+ \(her cap holds\)/);
    expect(c.out()).toMatch(/over her own budget: .* offered ¥[\d,]+ instead/);
  });
});

describe('creditlift score on the default model', () => {
  it('NDJSON and CSV inputs decide exactly as the library does, one line per record', async () => {
    const applicants = exampleApplicants.map((e) => e.applicant);
    writeFileSync(file('book.ndjson'), `${applicants.map((a) => JSON.stringify(a)).join('\n')}\n{"id":"x"}\n`);
    writeFileSync(file('book.csv'), rowsToCsv(applicants.map((a) => flattenApplicant(a))));
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', file('book.out.ndjson'), '--errors', file('book.err.ndjson')], c.io)).toBe(3);
    const out = outLines(file('book.out.ndjson'));
    expect(out.map((o) => o.line)).toEqual(applicants.map((_, i) => i + 1));
    for (const o of out) expect(same(o.decision!)).toEqual(same(expected.get(o.decision!.applicantId)!));
    const [err] = outLines(file('book.err.ndjson'));
    expect(err!.line).toBe(applicants.length + 1);
    expect(err!.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['asOf', 'income']));
    expect(c.out()).toMatch(/outcomes\s+approve/);

    expect(await runScoreCommand(['--in', file('book.csv'), '--out', file('csv.out.ndjson')], captureIo().io)).toBe(0);
    const csvOut = outLines(file('csv.out.ndjson'));
    expect(csvOut.map((o) => o.line)).toEqual(applicants.map((_, i) => i + 2));
    for (const o of csvOut) expect(same(o.decision!)).toEqual(same(expected.get(o.decision!.applicantId)!));
  });

  it('--workers 2 (the worker pool) gives the same decisions as in process', async () => {
    expect(
      await runScoreCommand(
        ['--in', file('book.ndjson'), '--out', file('pool.out.ndjson'), '--errors', file('pool.err.ndjson'), '--workers', '2', '--batch', '3'],
        captureIo().io,
      ),
    ).toBe(3);
    const inProcess = outLines(file('book.out.ndjson'));
    const pooled = outLines(file('pool.out.ndjson'));
    expect(pooled.map((o) => [o.line, same(o.decision!)])).toEqual(inProcess.map((o) => [o.line, same(o.decision!)]));
  });

  it('--signing-key-file signs every decision exactly as createScorer({ signingKey }) does, in process and in the pool', async () => {
    const key = 'a-lender-secret-of-at-least-32-bytes!';
    writeFileSync(file('signing.key'), `${key}\n`);
    const signer = await createScorer({ signingKey: key });
    try {
      const signed = new Map<string, Decision>();
      for (const ex of exampleApplicants) signed.set(ex.id, await signer.decide(ex.applicant));
      for (const extra of [[], ['--workers', '2']]) {
        const out = file(`signed${extra.length}.ndjson`);
        expect(
          await runScoreCommand(
            ['--in', file('book.ndjson'), '--out', out, '--errors', `${out}.err`, '--signing-key-file', file('signing.key'), ...extra],
            captureIo().io,
          ),
        ).toBe(3);
        const lines = outLines(out);
        expect(lines).toHaveLength(exampleApplicants.length);
        for (const o of lines) {
          expect(o.decision!.audit.hashing).toBe('hmac-sha256');
          expect(o.decision!.audit.signature).toMatch(/^[0-9a-f]{64}$/);
          expect(o.decision).toEqual(signed.get(o.decision!.applicantId));
        }
      }
    } finally {
      await signer.close();
    }
  });

  it('--model-sha256 pins the model: the right hash scores, any other refuses the run (pool too) before a line is written', async () => {
    const args = (out: string, sha: string, ...extra: string[]) => [
      '--in',
      file('book.ndjson'),
      '--out',
      file(out),
      '--errors',
      file(`${out}.err`),
      '--model-sha256',
      sha,
      ...extra,
    ];
    expect(await runScoreCommand(args('pinned.ndjson', scorer.model.sha256), captureIo().io)).toBe(3);
    const manifest = JSON.parse(readFileSync(file('pinned.ndjson.run.json'), 'utf8')) as { model: { sha256: string } };
    expect(manifest.model.sha256).toBe(scorer.model.sha256);
    // The model's identity alone, as every run (pool, queue) writes it.
    expect(manifest.model).toEqual({ id: scorer.model.id, sha256: scorer.model.sha256 });
    for (const extra of [[], ['--workers', '2']]) {
      const c = captureIo();
      expect(await runScoreCommand(args(`wrong${extra.length}.ndjson`, '0'.repeat(64), ...extra), c.io)).toBe(1);
      expect(c.err()).toMatch(/model_sha256_mismatch/);
      expect(existsSync(file(`wrong${extra.length}.ndjson`))).toBe(false);
    }
  });

  it('end to end through the real bin: score then report, with documented exit codes', () => {
    const bin = commandLineArgv([]);
    const score = spawnSync(process.execPath, [...bin, 'score', '--in', file('book.ndjson'), '--out', file('e2e.ndjson')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(score.status, score.stderr).toBe(3);
    expect(score.stdout).toMatch(/creditlift score: \d+ records read in/);
    expect(score.stderr).toBe('');
    const report = spawnSync(process.execPath, [...bin, 'report', file('e2e.ndjson'), '--out', file('e2e.html')], { encoding: 'utf8', timeout: 120_000 });
    expect(report.status, report.stderr).toBe(0);
    const html = readFileSync(file('e2e.html'), 'utf8');
    expect(html).toContain('data-chart="limit-by-grade"');
    expect(html).toContain('creditlift-default');
  });
});
