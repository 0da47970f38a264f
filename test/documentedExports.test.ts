// What the README tells a user to import must be importable from the entry it names: the jurisdiction
// profiles from `creditlift` (a lender switching profile otherwise writes a partial override), and
// importOnnxModel from `creditlift/train`, beside parseCsv and encodeTable that build its background.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleApplicants } from '../src/examples/exampleApplicants.js';
import * as examples from '../src/examples/index.js';
import * as health from '../src/health/index.js';
import * as creditlift from '../src/index.js';
import * as internals from '../src/internals.js';
import * as testing from '../src/testing/index.js';
import * as train from '../src/train/index.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'xgboost');

describe('documented APIs are exported from the entry the README names', () => {
  it('creditlift: the jurisdiction profiles and their schema; resolvePolicy({ jurisdiction: euCcd2 }) switches profile', () => {
    const { resolvePolicy, euCcd2, cnConsumerFinance2024, jurisdictionProfiles, JurisdictionProfile } = creditlift;
    expect(jurisdictionProfiles).toEqual({ 'cn-consumer-finance-2024': cnConsumerFinance2024, 'eu-ccd2': euCcd2 });
    expect(JurisdictionProfile.parse(euCcd2)).toEqual(euCcd2);
    const policy = resolvePolicy({ jurisdiction: euCcd2 });
    expect(policy.jurisdiction.id).toBe('eu-ccd2');
    // The type is exported too (a lender's own profile, with its own id).
    const own: creditlift.JurisdictionProfile = { ...euCcd2, id: 'eu-ccd2-xx', name: 'CCD2 as member state XX applies it', aprCap: 0.2 };
    expect(resolvePolicy({ jurisdiction: own, pricing: { aprCap: 0.2 } }).jurisdiction).toEqual(own);
  });

  it('creditlift: adverseActionNotice(decision), renderAdverseActionNotice(notice, lang) and comprehensiveCost({ received, payments }) (findings5-rules #5)', async () => {
    const { adverseActionNotice, renderAdverseActionNotice, comprehensiveCost, createScorer } = creditlift;
    // The README's example: 1 RMB now, 1.025 RMB in a month is 2.5% a month, 30% nominal.
    const cost = comprehensiveCost({ received: 1, payments: [1.025] });
    expect(cost.nominalApr).toBeCloseTo(0.3, 12);
    expect(cost.effectiveAnnualRate).toBeCloseTo(1.025 ** 12 - 1, 12);
    const scorer = await createScorer();
    try {
      const ex = exampleApplicants.find((e) => e.id === 'ex-new-graduate')!;
      const decision = await scorer.decide(ex.applicant);
      const notice: creditlift.AdverseActionNotice = adverseActionNotice(decision);
      expect(notice.principalReasons.length).toBeGreaterThan(0);
      expect(notice.principalReasons.length).toBeLessThanOrEqual(4);
      expect(JSON.parse(JSON.stringify(notice))).toEqual(notice);
      const en = renderAdverseActionNotice(notice, 'en');
      const zh = renderAdverseActionNotice(notice, 'zhHans');
      expect(en).toContain(notice.principalReasons[0]!.en);
      expect(zh).toContain(notice.principalReasons[0]!.zhHans);
    } finally {
      await scorer.close();
    }
  });

  it('creditlift/train: importOnnxModel(bytes, { spec, background }) with a background built by parseCsv and encodeTable', () => {
    const { importOnnxModel, ImportSpec, parseCsv, encodeTable } = train;
    const spec = ImportSpec.parse(JSON.parse(readFileSync(join(fixtures, 'monotone_spec.json'), 'utf8')));
    const table = parseCsv(readFileSync(join(fixtures, 'background.csv'), 'utf8'));
    const background = {
      data: encodeTable(
        table,
        spec.features.map(({ name }) => ({ name, kind: 'numeric' as const })),
      ),
      nRows: table.rows.length,
    };
    const imported = importOnnxModel(new Uint8Array(readFileSync(join(fixtures, 'monotone_regressor.onnx'))), { spec, background });
    expect(imported.covers).toBe('background');
    expect(imported.manifest.features.map((f) => f.name)).toEqual(spec.features.map((f) => f.name));
  });
});

describe('what the installed README points at is in the package (findings7-adopt #3)', () => {
  const root = join(import.meta.dirname, '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const files = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
  const packed = (path: string) => files.some((f) => path === f || path.startsWith(`${f.replace(/\/$/, '')}/`));

  it('every relative link of the README names a file or folder that exists and that package.json "files" ships', () => {
    const links = [...readme.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1] as string).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) {
      const path = l.replace(/^\.\//, '').replace(/\/$/, '');
      expect(() => readFileSync(join(root, path)), l).not.toThrow(/ENOENT/);
      expect(packed(path), `${l} is not in package.json "files"`).toBe(true);
    }
  });

  // findings14-docs #6: examples/service/server.ts, shipped and linked from "Integrators", imported
  // '../../src/index.js', which the package does not ship. In the repository 'creditlift' resolves
  // to src/ (tsconfig paths, vitest alias), so the example is the code a user copies.
  it('the shipped examples import creditlift by its package name, never a relative path outside examples/', () => {
    const shipped = files.filter((f) => f.startsWith('examples/') && f.endsWith('.ts'));
    expect(shipped.length).toBeGreaterThan(0);
    for (const f of shipped) {
      const text = readFileSync(join(root, f), 'utf8');
      const specifiers = [...text.matchAll(/\bfrom '([^']+)'/g)].map((m) => m[1] as string);
      expect(specifiers, f).toContain('creditlift');
      expect(
        specifiers.filter((s) => s.startsWith('.') && !join(f, '..', s).startsWith('examples/')),
        `${f} imports a file the package does not ship`,
      ).toEqual([]);
    }
  });

  // findings14-docs #1: the first block (`npm install && npm run demo`, `npm test`) works only in a
  // clone (the package ships no src/ nor tsconfig.json), and said so nowhere near it; nor did the top
  // say how an npm user runs the demo or tests a policy, or that vitest must be installed.
  it('the top gives the clone commands first, saying where they run, then the npm forms: install, npx demo, the test runner to add', () => {
    const top = readme.slice(0, readme.indexOf('\n## '));
    const blocks = [...top.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    const commands = (block: string) =>
      block
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .filter((l) => l !== '');
    expect(commands(blocks[0] ?? '')).toEqual(['npm install && npm run demo', 'npm test']);
    expect(top.slice(0, top.indexOf('```'))).toMatch(/In a clone of this repository/);
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.demo).toBeDefined();
    expect(commands(blocks[1] ?? '')).toEqual(['ONNXRUNTIME_NODE_INSTALL=skip npm install creditlift', 'npx creditlift demo']);
    const [install, run] = commands(blocks[2] ?? '');
    expect(run).toBe('npx vitest run');
    // The runner named is the major creditlift's own suite runs on; fast-check is the kit's peer.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const vitestMajor = /\d+/.exec(pkg.devDependencies.vitest ?? '')?.[0];
    expect(install).toBe(`npm install -D vitest@${vitestMajor} fast-check`);
    expect(pkg.peerDependencies['fast-check']).toBeDefined();
    expect(top).toContain('[property-test example](#property-test-your-own-pricing-rules)');
  });

  it('builtInDataCategories, which the README names, is exported and frozen', () => {
    expect(creditlift.builtInDataCategories.income_rmb).toBe('income');
    expect(Object.isFrozen(creditlift.builtInDataCategories)).toBe(true);
  });
});

// findings14-docs #5: the README named WHAT_IF_CONFIDENCE like an API constant, and no entry point
// exported it. Environment variables and a process warning's code are the only constants it names that are not exports.
describe('every constant the README names is exported from an entry point', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const NOT_EXPORTS = new Set([
    'NODE_OPTIONS',
    'MALLOC_ARENA_MAX',
    'TMPDIR',
    'ONNXRUNTIME_NODE_INSTALL',
    'NODE_EXTRA_CA_CERTS',
    'ORT_DISABLE_TELEMETRY',
    'CREDITLIFT_ORT_TELEMETRY',
    // Environment variables: the Redis password's, and redis-cli's the README compares it with.
    'CREDITLIFT_QUEUE_PASSWORD',
    'REDISCLI_AUTH',
    // A process warning's code (process.emitWarning): the pool's, when it starts workers without
    // NODE_OPTIONS flags that would hold them.
    'CREDITLIFT_POOL_NODE_OPTIONS',
  ]);
  const entries: Record<string, Record<string, unknown>> = {
    creditlift,
    'creditlift/train': train,
    'creditlift/testing': testing,
    'creditlift/health': health,
    'creditlift/examples': examples,
    'creditlift/internals': internals,
  };

  it('each `UPPER_CASE` name in backticks is an export of creditlift or one of its subpaths', () => {
    const named = [...new Set([...readme.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1] as string))].filter((n) => !NOT_EXPORTS.has(n));
    expect(named).toContain('WHAT_IF_CONFIDENCE');
    for (const name of named)
      expect(
        Object.keys(entries).filter((e) => name in (entries[e] as object)),
        name,
      ).not.toEqual([]);
  });

  // findings15-explain F6: the README's Explanations presented createTreeExplainer as the product's
  // API; it is a building block in creditlift/internals (no compatibility promise), not in creditlift.
  it('createTreeExplainer: the README names the entry it is in, creditlift/internals, and says it is not in creditlift', () => {
    expect(typeof internals.createTreeExplainer).toBe('function');
    expect('createTreeExplainer' in creditlift).toBe(false);
    expect(readme).toContain("import { createTreeExplainer } from 'creditlift/internals'");
  });

  it('MODEL_REASON_MIN_LOG_ODDS is the root export the README states (0.05), the least a model factor adds to be a principal reason', () => {
    expect(creditlift.MODEL_REASON_MIN_LOG_ODDS).toBe(0.05);
    expect(readme).toContain(`at least ${creditlift.MODEL_REASON_MIN_LOG_ODDS} in log-odds (\`MODEL_REASON_MIN_LOG_ODDS\``);
  });

  it('WHAT_IF_CONFIDENCE is the root export the README states (0.95), the confidence of every what-if preview', () => {
    expect(creditlift.WHAT_IF_CONFIDENCE).toBe(0.95);
    expect(readme).toContain(`confidence ${creditlift.WHAT_IF_CONFIDENCE} (\`WHAT_IF_CONFIDENCE\` from \`creditlift\``);
  });
});
