// `creditlift playground` took `--catalog` but neither `--policy` nor `--model`, so a lender could try
// its own catalog on the page but not its own policy or model, which `decide` and `score` take; and
// the page did not say which of them it ran. Its examples carried the default catalog's kinds, so under
// a lender catalog without IELTS the new graduate decided with an IELTS certificate rejected
// unknown_kind (and under a lender's IELTS in whole bands, her 6.5 was score_off_scale), a fault of
// the example, not of the applicant, that nothing on the page explained. The playground now reads
// `--policy` and `--model` through the readers `decide` uses (same errors, same exit statuses), shows
// the model, policy and catalog in use with their fingerprints, and leaves out of each example the
// certificates the catalog in use does not count as written, naming each and why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogHash } from '../../src/catalog/catalogHash.js';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { defaultCatalog, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { main } from '../../src/cli/main.js';
import { EXAMPLE_AS_OF, exampleApplicants } from '../../src/examples/index.js';
import { DEFAULT_MODEL_SHA256 } from '../../src/model/defaultModelSha256.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { policyHash } from '../../src/policy/policyHash.js';
import { servePlayground, type Playground, type PlaygroundSetup } from '../../src/playground/index.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { captureIo } from '../cli/fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'playground-configuration-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text?: string) => {
  const path = join(work, name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
};

const setupOf = async (url: string) => (await (await fetch(new URL('/api/setup', url))).json()) as PlaygroundSetup;
const decide = async (url: string, applicant: unknown) => {
  const r = await fetch(new URL('/api/decide', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicant }) });
  return { status: r.status, body: (await r.json()) as { decision: { audit: Record<string, string>; evidence: { kind: string; reasons: string[] }[] } } };
};

/** Reasons that say the catalog does not know a certificate as written: never the example's point. */
const CATALOG_REASONS = [
  'unknown_kind',
  'banned_data_category',
  'score_off_scale',
  'score_scale_ambiguous',
  'level_unknown',
  'reading_not_on_scale',
  'verification_method_not_accepted',
];

/**
 * The law: every example the page lists decides under the configuration in use with no certificate
 * refused for a catalog reason, and every certificate it lost is named on the page, so the example as
 * served plus what it left out is the example as written.
 */
async function checkExamplesFit(url: string): Promise<PlaygroundSetup> {
  const setup = await setupOf(url);
  expect(setup.examples.map((e) => e.id)).toEqual(exampleApplicants.map((e) => e.id));
  for (const served of setup.examples) {
    const written = exampleApplicants.find((e) => e.id === served.id)!;
    const kept = (served.applicant.evidence ?? []).map((e) => e.credentialId);
    const lost = served.leftOut.map((l) => l.credentialId);
    expect([...kept, ...lost].sort(), served.id).toEqual((written.applicant.evidence ?? []).map((e) => e.credentialId).sort());
    // Each is named at its place in the example as written.
    for (const l of served.leftOut) expect(written.applicant.evidence?.[l.index]?.credentialId, served.id).toBe(l.credentialId);
    const { status, body } = await decide(url, served.applicant);
    expect(status, served.id).toBe(200);
    const refused = body.decision.evidence.filter((e) => e.reasons.some((r) => CATALOG_REASONS.includes(r)));
    expect(refused, served.id).toEqual([]);
  }
  return setup;
}

const ieltsWholeBands = {
  ...(defaultCatalog.get('ielts') as CertificateKindSpecInput),
  scale: { type: 'numeric', min: 0, max: 9, step: 1, typical: 7, usefulFrom: 4 },
} as CertificateKindSpecInput;

describe('the examples the page lists fit the catalog in use, and what they lose is named', () => {
  it('under the default configuration nothing is left out and the examples are the written ones', async () => {
    const p = await servePlayground({ port: 0 });
    try {
      const setup = await checkExamplesFit(p.url);
      for (const served of setup.examples) {
        expect(served.leftOut).toEqual([]);
        expect(served.applicant).toEqual(exampleApplicants.find((e) => e.id === served.id)!.applicant);
      }
    } finally {
      await p.close();
    }
  });

  it('a catalog without IELTS: the new graduate keeps her scholarship, her IELTS is named unknown_kind', async () => {
    const catalog = new Map(defaultCatalog);
    catalog.delete('ielts');
    const p = await servePlayground({ port: 0, scorer: { catalog } });
    try {
      const setup = await checkExamplesFit(p.url);
      const graduate = setup.examples.find((e) => e.id === 'ex-new-graduate')!;
      expect((graduate.applicant.evidence ?? []).map((e) => e.kind)).toEqual(['school_scholarship']);
      expect(graduate.leftOut).toEqual([
        {
          index: 0,
          kind: 'ielts',
          credentialId: exampleApplicants[0]!.applicant.evidence?.[0]?.credentialId,
          reason: 'unknown_kind',
          text: expect.objectContaining({ en: expect.stringMatching(/^IELTS.* \(ielts\), .+: not in the catalog in use; left out of this example/) }),
        },
      ]);
      // All three of the duplicate example's IELTS uploads go: its point cannot be made under this catalog, and it says so.
      const duplicate = setup.examples.find((e) => e.id === 'ex-duplicate-certificate')!;
      expect(duplicate.applicant.evidence).toEqual([]);
      expect(duplicate.leftOut.map((l) => l.index)).toEqual([0, 1, 2]);
    } finally {
      await p.close();
    }
  });

  it("a lender's IELTS in whole bands: the graduate's 6.5 is named score_off_scale, a 7 stays", async () => {
    const p = await servePlayground({ port: 0, scorer: { catalog: [ieltsWholeBands] } });
    try {
      const setup = await checkExamplesFit(p.url);
      const graduate = setup.examples.find((e) => e.id === 'ex-new-graduate')!;
      expect(graduate.leftOut).toEqual([expect.objectContaining({ index: 0, kind: 'ielts', reason: 'score_off_scale' })]);
      expect(graduate.leftOut[0]!.text.en).toContain('6.5');
      const duplicate = setup.examples.find((e) => e.id === 'ex-duplicate-certificate')!;
      // 6, 7.5 and 8 as written: the two whole bands stay, the 7.5 goes.
      expect((duplicate.applicant.evidence ?? []).map((e) => e.score)).toEqual(
        exampleApplicants
          .find((e) => e.id === 'ex-duplicate-certificate')!
          .applicant.evidence?.map((e) => e.score)
          .filter((s) => Number.isInteger(s)),
      );
    } finally {
      await p.close();
    }
  });

  it('a kind verified only one way, and a kind the jurisdiction bans, are each named', async () => {
    const scholarship = {
      ...(defaultCatalog.get('school_scholarship') as CertificateKindSpecInput),
      verificationMethods: ['issuer_api'],
    } as CertificateKindSpecInput;
    const rating = { ...(defaultCatalog.get('ride_hailing_rating') as CertificateKindSpecInput), dataCategory: 'social_media' } as CertificateKindSpecInput;
    const p = await servePlayground({ port: 0, scorer: { catalog: [scholarship, rating], policyOverrides: { jurisdiction: euCcd2 } } });
    try {
      const setup = await checkExamplesFit(p.url);
      const graduate = setup.examples.find((e) => e.id === 'ex-new-graduate')!;
      expect(graduate.leftOut).toEqual([expect.objectContaining({ index: 1, kind: 'school_scholarship', reason: 'verification_method_not_accepted' })]);
      expect(graduate.leftOut[0]!.text.en).toContain('document_ocr');
      const driver = setup.examples.find((e) => e.id === 'ex-gig-driver')!;
      expect(driver.leftOut).toEqual([expect.objectContaining({ index: 0, kind: 'ride_hailing_rating', reason: 'banned_data_category' })]);
      expect(driver.leftOut[0]!.text.en).toContain('eu-ccd2');
    } finally {
      await p.close();
    }
  });
});

describe('the page says which model, policy and catalog it runs', () => {
  it('the defaults, each with its fingerprint, as the decisions record them', async () => {
    const p = await servePlayground({ port: 0 });
    try {
      const { inUse } = await setupOf(p.url);
      expect(inUse).toEqual({
        model: { id: expect.any(String), sha256: DEFAULT_MODEL_SHA256, isDefault: true },
        policy: { name: defaultPolicy.name, version: defaultPolicy.version, hash: policyHash(defaultPolicy), isDefault: true },
        catalog: { hash: catalogHash(defaultCatalog), isDefault: true, kinds: defaultCatalog.size, banned: [] },
      });
      const { body } = await decide(p.url, exampleApplicants[0]!.applicant);
      expect(body.decision.audit).toMatchObject({ modelSha256: inUse.model.sha256, policyHash: inUse.policy.hash, catalogHash: inUse.catalog.hash });
    } finally {
      await p.close();
    }
  });
});

describe('creditlift playground --policy FILE --model DIR --catalog FILE', () => {
  let modelDir: string;
  beforeAll(() => {
    // A model of our own, small and quick: trained on 400 drawn applicants, 10 rounds.
    const population = generatePopulation({ size: 400, seed: 1616, asOf: EXAMPLE_AS_OF });
    const outcomes = parseCsv(['id,defaulted', ...population.map((r) => `${r.applicant.id},${r.defaulted12m ? 1 : 0}`)].join('\n'));
    const book = featurizeBook(
      population.map((r) => r.applicant),
      outcomes,
      { idColumn: 'id', target: 'defaulted' },
    );
    const monotone = book.trainArgs[book.trainArgs.indexOf('--monotone') + 1] as string;
    modelDir = join(work, 'model');
    mkdirSync(modelDir);
    writeFileSync(
      join(modelDir, 'model.onnx'),
      trainFromCsv(book.csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 10, learningRate: 0.3 } }).onnx,
    );
  });

  it('serves them: the page names each, and its decisions are made under them', async () => {
    const policy = file('policy.json', JSON.stringify({ name: 'Lender X pilot', version: '7', pricing: { aprCap: 0.18 } }));
    const catalog = file('catalog.json', JSON.stringify({ remove: ['ielts'] }));
    const stop = new AbortController();
    const c = captureIo({ signal: stop.signal });
    const running = main(['playground', '--port', '0', '--policy', policy, '--model', modelDir, '--catalog', catalog], c.io);
    let url: string | undefined;
    for (let i = 0; i < 600 && url === undefined; i++) {
      url = c.out().match(/(http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
      if (url === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    try {
      expect(url, c.err()).toBeDefined();
      const setup = await checkExamplesFit(url as string);
      expect(setup.inUse.policy).toMatchObject({ name: 'Lender X pilot', version: '7', isDefault: false });
      expect(setup.inUse.model.isDefault).toBe(false);
      expect(setup.inUse.model.sha256).not.toBe(DEFAULT_MODEL_SHA256);
      expect(setup.inUse.catalog).toMatchObject({ isDefault: false, kinds: defaultCatalog.size - 1 });
      const { body } = await decide(url as string, setup.examples[0]!.applicant);
      expect(body.decision.audit).toMatchObject({
        modelSha256: setup.inUse.model.sha256,
        policyHash: setup.inUse.policy.hash,
        catalogHash: setup.inUse.catalog.hash,
      });
      // The page itself names them (the figures are filled in by its script from the setup).
      const page = await (await fetch(url as string)).text();
      expect(page).toContain('id="in-use"');
      expect(page).toContain('id="left-out"');
    } finally {
      stop.abort();
      expect(await running).toBe(0);
    }
  });

  // Each file read as `decide` reads it: the same exit status and the same error line.
  const faults: Record<string, () => string[]> = {
    '--policy missing': () => ['--policy', join(work, 'nosuch.json')],
    '--policy not JSON': () => ['--policy', file('notjson.json', '{"name": ')],
    '--policy with a repeated key': () => ['--policy', file('repeat.json', '{"pricing": {"aprCap": 0.18, "aprCap": 0.24}}')],
    '--policy out of range': () => ['--policy', file('range.json', JSON.stringify({ pricing: { aprCap: 3 } }))],
    '--model missing': () => ['--model', join(work, 'nosuch-model')],
    '--model an empty folder': () => ['--model', (mkdirSync(join(work, 'empty-model'), { recursive: true }), join(work, 'empty-model'))],
    '--model not ONNX': () => ['--model', file('not.onnx', 'not a model')],
  };
  const applicant = file('applicant.json', JSON.stringify(exampleApplicants[0]!.applicant));
  for (const [name, args] of Object.entries(faults)) {
    it(`${name}: as decide says it, and nothing listens`, async () => {
      const d = captureIo();
      const decided = await main(['decide', applicant, ...args()], d.io);
      const p = captureIo();
      const served = await main(['playground', '--port', '0', ...args()], p.io);
      expect(decided).not.toBe(0);
      expect(served).toBe(decided);
      expect(p.err().split('\n')[0]).toBe(d.err().split('\n')[0]);
      expect(p.out()).toBe('');
    });
  }
});

describe('servePlayground({ scorer })', () => {
  let p: Playground | undefined;
  afterAll(async () => p?.close());
  it("a lender's catalog in code is not the default, and names the kinds its jurisdiction bans", async () => {
    const rating = { ...(defaultCatalog.get('ride_hailing_rating') as CertificateKindSpecInput), dataCategory: 'social_media' } as CertificateKindSpecInput;
    p = await servePlayground({ port: 0, scorer: { catalog: [rating], policyOverrides: { jurisdiction: euCcd2 } } });
    const { inUse } = await setupOf(p.url);
    expect(inUse.catalog.isDefault).toBe(false);
    expect(inUse.catalog.hash).toBe(catalogHash(resolveCatalog([rating])));
    expect(inUse.catalog.banned).toEqual(expect.arrayContaining(['ride_hailing_rating']));
    expect(inUse.policy.isDefault).toBe(false);
  });
});
