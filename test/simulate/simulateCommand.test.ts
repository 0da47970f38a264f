import { createHash } from 'node:crypto';
import { DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { policyHash } from '../../src/policy/policyHash.js';
import { ENGINE_VERSION } from '../../src/version.js';
import { runSimulation } from '../../src/simulate/runSimulation.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { formatRmb } from '../../src/report/formatMoney.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';
import { tighterDsrOverrides } from '../helpers/tighterDsrOverrides.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-simulate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const candidatePolicy = { ...tighterDsrOverrides, portfolio: { utilisation: 0.4 } };
// The tester's candidate (findings19-adoption F2): under reassess it holds existing lines for review.
const lenderCapCandidate = {
  limits: { productMax: 2_000_000, lenderCapPerBorrower: 1_500_000 },
  pricing: { margin: 0.05 },
  knockouts: { declinePdAbove: 0.12 },
};

describe('creditlift simulate', () => {
  it('decides the book on the worker pool, writes summary, flips, errors and HTML; nothing lost; the summary equals in-process deciding', async () => {
    const rows = generatePopulation({ size: 80, seed: 3, asOf: '2026-10-01' });
    const bookLines = rows.map((r) => JSON.stringify(r.applicant));
    bookLines.splice(10, 0, '{not json');
    writeFileSync(join(work, 'book.ndjson'), `${bookLines.join('\n')}\n`);
    writeFileSync(join(work, 'candidate.json'), JSON.stringify(candidatePolicy));
    // Two outcomes match no record: a padded id and a customer not in the book (tester F2: counted and said, not dropped).
    const outcomeLines = [
      ...rows.map((r) => ({ id: r.applicant.id, defaulted: r.defaulted12m })),
      { id: ` ${rows[0]!.applicant.id}`, defaulted: true },
      { id: 'nobody', defaulted: true },
      // An invisible character inside an id is shown, not printed as it is ("c0" would look matched).
      { id: '\ufeffc0', defaulted: true },
    ];
    writeFileSync(join(work, 'outcomes.ndjson'), outcomeLines.map((o) => JSON.stringify(o)).join('\n'));
    const c = captureIo();
    const code = await runSimulateCommand(
      [
        '--book',
        join(work, 'book.ndjson'),
        '--candidate-policy',
        join(work, 'candidate.json'),
        '--outcomes',
        join(work, 'outcomes.ndjson'),
        '--out',
        join(work, 'sim.json'),
        '--html',
        join(work, 'sim.html'),
        '--batch',
        '40',
      ],
      c.io,
    );
    expect(c.err()).toBe(
      `warning: 3 of 83 outcomes in ${join(work, 'outcomes.ndjson')} matched no record decided under both (ids are compared as written); the backtest covers 80 records\n`,
    );
    expect(c.out()).toContain(
      `backtest 80 records with a known outcome; 80 of 83 outcomes matched, 3 matched no record decided under both (" ${rows[0]!.applicant.id}", "nobody", "\\u{feff}c0")`,
    );
    expect(code).toBe(3);
    const sim = JSON.parse(readFileSync(join(work, 'sim.json'), 'utf8'));
    const errors = readFileSync(join(work, 'sim.errors.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const flips = readFileSync(join(work, 'sim.flips.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l));
    expect(sim.records).toBe(81);
    // The catalog both sides assessed evidence with, by hash (findings15-gig: named only by file name).
    expect(sim.catalogHash).toBe(DEFAULT_CATALOG_HASH);
    expect(sim.decided + errors.length).toBe(81);
    expect(errors).toEqual([{ line: 11, arm: 'input', error: expect.objectContaining({ code: 'data_invalid' }) }]);
    expect(flips.length).toBe(sim.flips);
    expect(sim.assumptions.candidate.utilisation).toBe(0.4);
    expect(sim.backtest.observed).toBe(sim.decided);
    expect(sim.backtest.outcomes).toEqual({ given: 83, matched: 80, unmatched: 3, unmatchedIds: [` ${rows[0]!.applicant.id}`, 'nobody', '\ufeffc0'] });
    // The guidance figure, as score prints it, per side.
    expect(sim.averageCostAlert.candidate).toEqual({ alertAbove: 0.2, aboveAlert: expect.any(Boolean) });
    expect(c.out()).toMatch(/average comprehensive cost of new lines \(limit-weighted, dearest plan each offers\) (\d+\.\d\d%|-).* -> (\d+\.\d\d%|-)/);
    // Which path each side ran, said in the output and the summary (findings19-adoption F2).
    expect(sim.paths).toEqual({ mode: 'decide', baseline: 'decide', candidate: 'decide', prior: null });
    expect(c.out()).toContain(
      'paths: both sides decide each record afresh (decide): a full re-underwriting, so an existing line may be raised, kept, lowered or closed',
    );
    expect(c.out()).toMatch(
      /^line actions baseline: .*\nline actions candidate: .*\nlines moved down: baseline \d+ lowered \(¥[\d,.]+ off\), \d+ closed \(¥[\d,.]+\); candidate /m,
    );

    const baseline = await createScorer({ suggestionsPerDecision: 0 });
    const candidate = await createScorer({ policyOverrides: candidatePolicy, suggestionsPerDecision: 0 });
    try {
      const inProcess = await runSimulation({
        records: rows.map((r, i) => ({ line: i + 1, ok: true, value: r.applicant })),
        baseline: { decide: (r) => baseline.safeDecideBatch(r), assumptions: portfolioAssumptions(baseline.policy) },
        candidate: { decide: (r) => candidate.safeDecideBatch(r), assumptions: portfolioAssumptions(candidate.policy) },
        outcomes: new Map(outcomeLines.map((o) => [o.id, o.defaulted])),
      });
      const { book: _b, baselineLabel: _bl, candidateLabel: _cl, catalogHash: _ch, provenance, records: _r, errors: _e, interrupted: _i, ...summary } = sim;
      expect(summary).toEqual(JSON.parse(JSON.stringify(inProcess.summary)));
      // Tester findings15-audit F7: sim.json named its sides by labels and the book by path only.
      // It now pins what ran, as the decisions' audits and score's run manifest name them.
      const side = (s: typeof baseline, policyFile: string | null) => ({
        policyFile,
        modelFile: null,
        model: { id: s.model.id, sha256: s.model.sha256 },
        policyHash: policyHash(s.policy),
        catalogHash: s.catalogHash,
      });
      expect(provenance).toEqual({
        engineVersion: ENGINE_VERSION,
        book: {
          path: join(work, 'book.ndjson'),
          size: statSync(join(work, 'book.ndjson')).size,
          sha256: createHash('sha256')
            .update(readFileSync(join(work, 'book.ndjson')))
            .digest('hex'),
          format: 'ndjson',
        },
        outcomes: {
          path: join(work, 'outcomes.ndjson'),
          size: statSync(join(work, 'outcomes.ndjson')).size,
          sha256: createHash('sha256')
            .update(readFileSync(join(work, 'outcomes.ndjson')))
            .digest('hex'),
        },
        features: null,
        baseline: side(baseline, null),
        candidate: side(candidate, join(work, 'candidate.json')),
        catalogFile: null,
        // No key file given: decisions unsigned, plain hashes.
        keys: { signing: null, personalData: null, verification: [] },
      });
      expect(provenance.baseline.policyHash).not.toBe(provenance.candidate.policyHash);
    } finally {
      await baseline.close();
      await candidate.close();
    }
    const html = readFileSync(join(work, 'sim.html'), 'utf8');
    expect(html).toContain('<table class="swap">');
    expect(html).toMatch(
      /Candidate: policy candidate\.json \([0-9a-f]{12}\), embedded model \(model [^,]+, sha256 [0-9a-f]{12}; policy [0-9a-f]{12}; catalog [0-9a-f]{12}\)/,
    );
    expect(html).toContain('<strong>3 of 83 outcomes matched no record decided under both</strong>');
    expect(html).toContain('&quot;nobody&quot;, &quot;\\u{feff}c0&quot;');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('<p class="paths" data-paths="decide"><strong>Paths:</strong> both sides decide each record afresh (decide)');
    expect(html).toContain('<table class="swap line-action-swap">');
    expect(html).toContain('<table class="line-actions">');
  });

  it('--mode reassess: each record decided under the baseline and reassessed on both sides; the summary equals runSimulation reassessing in process, and says so', async () => {
    const rows = generatePopulation({ size: 60, seed: 19, asOf: '2026-10-01' });
    writeFileSync(join(work, 'r-book.ndjson'), `${rows.map((r) => JSON.stringify(r.applicant)).join('\n')}\n`);
    writeFileSync(join(work, 'r-cand.json'), JSON.stringify(lenderCapCandidate));
    const c = captureIo();
    const code = await runSimulateCommand(
      [
        '--book',
        join(work, 'r-book.ndjson'),
        '--candidate-policy',
        join(work, 'r-cand.json'),
        '--mode',
        'reassess',
        '--out',
        join(work, 'r.json'),
        '--html',
        join(work, 'r.html'),
        '--batch',
        '25',
      ],
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const sim = JSON.parse(readFileSync(join(work, 'r.json'), 'utf8'));
    expect(sim.paths).toEqual({ mode: 'reassess', baseline: 'reassess', candidate: 'reassess', prior: 'baseline_decide' });
    const baseline = await createScorer({ suggestionsPerDecision: 0 });
    const candidate = await createScorer({ policyOverrides: lenderCapCandidate, suggestionsPerDecision: 0 });
    try {
      const inProcess = await runSimulation({
        records: rows.map((r, i) => ({ line: i + 1, ok: true, value: r.applicant })),
        baseline: { decide: (r) => baseline.safeDecideBatch(r), reassess: scorerReassessBatch(baseline), assumptions: portfolioAssumptions(baseline.policy) },
        candidate: {
          decide: (r) => candidate.safeDecideBatch(r),
          reassess: scorerReassessBatch(candidate),
          assumptions: portfolioAssumptions(candidate.policy),
        },
        mode: 'reassess',
      });
      const { book: _b, baselineLabel: _bl, candidateLabel: _cl, catalogHash: _ch, provenance: _p, records: _r, errors: _e, interrupted: _i, ...summary } = sim;
      expect(summary).toEqual(JSON.parse(JSON.stringify(inProcess.summary)));
    } finally {
      await baseline.close();
      await candidate.close();
    }
    const held = sim.lineActions.candidate.held;
    expect(held.lines).toBeGreaterThan(0);
    expect(sim.lineActions.candidate.counts.lower + sim.lineActions.candidate.counts.close).toBe(0);
    expect(c.out()).toContain('paths: each record is decided under the baseline (decide) and both sides reassess that decision');
    expect(c.out()).toContain(`candidate ${held.lines} (${formatRmb(held.fen)} held, ${formatRmb(held.aboveGrantable)} above what may be granted)`);
    expect(c.out()).toMatch(/^prior \(each record decided under the baseline\) line actions: /m);
    expect(c.out()).toMatch(/^line-action changes \(baseline->candidate\): (keep|raise)->hold \d+/m);
    const html = readFileSync(join(work, 'r.html'), 'utf8');
    expect(html).toContain('data-paths="reassess"');
    expect(html).toContain('Paths: baseline reassess, candidate reassess, each from the record decided under the baseline');
    expect(html).toContain('<th>prior (decided under the baseline)</th>');
  });

  it('says in its help which path each side runs, and refuses an unknown --mode as a usage error', async () => {
    const h = captureIo();
    expect(await runSimulateCommand(['--help'], h.io)).toBe(0);
    expect(h.out()).toMatch(/decide \(default\)\s+each side decides every record afresh \(decide\): a full re-underwriting/);
    expect(h.out()).toMatch(/reassess\s+both sides reassess each record's prior with the same profile and no new\s+evidence \(reassess\)/);
    expect(h.out()).toMatch(
      /The prior is the decision stored\s+with the record \(NDJSON .*, or a CSV\s+"prior" column holding the decision JSON: .*\n.*\(no key, an empty cell\),\s+the record decided under the baseline \(decide\)/,
    );
    expect(h.out()).toMatch(/--mode decide does not read a stored prior or onFile: it warns on stderr/);
    const c = captureIo();
    expect(await runSimulateCommand(['--book', join(work, 'b2.ndjson'), '--mode', 'review', '--out', join(work, 'm.json')], c.io)).toBe(2);
    expect(c.err()).toContain('--mode must be decide or reassess, got "review"');
    expect(existsSync(join(work, 'm.json'))).toBe(false);
  });

  it('refuses an outcomes file with a bad line, naming it, before deciding anything', async () => {
    writeFileSync(join(work, 'b2.ndjson'), '{}\n');
    writeFileSync(join(work, 'bad-outcomes.csv'), 'id,defaulted\na,1\nb,maybe\n');
    const c = captureIo();
    expect(
      await runSimulateCommand(['--book', join(work, 'b2.ndjson'), '--outcomes', join(work, 'bad-outcomes.csv'), '--out', join(work, 'b2.json')], c.io),
    ).toBe(1);
    expect(c.err()).toMatch(/line 3: "defaulted" must be 1\/0, true\/false or yes\/no as written \(cells are not trimmed\), got "maybe"/);
    // A repeated key would be read as its last value: refused, naming the line and the key.
    writeFileSync(join(work, 'dup-outcomes.ndjson'), '{"id":"a","defaulted":true,"defaulted":false}\n');
    const d = captureIo();
    expect(
      await runSimulateCommand(['--book', join(work, 'b2.ndjson'), '--outcomes', join(work, 'dup-outcomes.ndjson'), '--out', join(work, 'b2.json')], d.io),
    ).toBe(1);
    expect(d.err()).toMatch(/line 1: key "defaulted" appears twice in one object/);
  });

  it('a bad policy names its option and file, and a run that fails before deciding leaves no output behind', async () => {
    writeFileSync(join(work, 'b3.ndjson'), `${JSON.stringify(generatePopulation({ size: 1, seed: 1, asOf: '2026-10-01' })[0]!.applicant)}\n`);
    writeFileSync(join(work, 'typo.json'), JSON.stringify({ pricing: { margn: 0.1 }, limits: { productMax: 'x' } }));
    writeFileSync(join(work, 'notjson.json'), '{pricing');
    const outputs = ['b3.json', 'b3.flips.ndjson', 'b3.errors.ndjson', 'b3.html'].map((f) => join(work, f));
    const run = async (...args: string[]) => {
      const c = captureIo();
      const code = await runSimulateCommand(['--book', join(work, 'b3.ndjson'), '--out', outputs[0]!, '--html', outputs[3]!, ...args], c.io);
      return { code, err: c.err() };
    };
    const candidate = await run('--candidate-policy', join(work, 'typo.json'));
    const baseline = await run('--baseline-policy', join(work, 'typo.json'));
    const notJson = await run('--baseline-policy', join(work, 'notjson.json'));
    for (const r of [candidate, baseline, notJson]) {
      expect(r.code).toBe(1);
      for (const p of outputs) expect(existsSync(p), p).toBe(false);
    }
    expect(candidate.err).toMatch(
      /error \[policy_invalid\]: Invalid candidate policy \(--candidate-policy [^)]*typo\.json\): 2 problem\(s\) at pricing\.margn, limits\.productMax/,
    );
    expect(baseline.err).toMatch(/error \[policy_invalid\]: Invalid baseline policy \(--baseline-policy [^)]*typo\.json\)/);
    expect(candidate.err).not.toBe(baseline.err);
    expect(notJson.err).toMatch(/error \[policy_invalid\]: baseline policy \(--baseline-policy [^)]*notjson\.json\): /);
    // A book that cannot be opened fails before deciding too.
    const c = captureIo();
    expect(await runSimulateCommand(['--book', join(work, 'missing.ndjson'), '--out', outputs[0]!], c.io)).toBe(1);
    for (const p of outputs) expect(existsSync(p), p).toBe(false);
  });
});
