import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchemaCommand } from '../../src/cli/schemaCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { Decision, decisionJsonSchema } from '../../src/decision/decision.js';
import { exampleApplicants, exampleFor } from '../../src/examples/exampleApplicants.js';
import { captureIo } from '../cli/fakeDecider.js';

let scorer: Scorer;
let keyed: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
  keyed = await createScorer({ suggestionsPerDecision: 0, personalDataKey: 'p'.repeat(32) });
});
afterAll(async () => {
  await scorer.close();
  await keyed.close();
});

describe('one output schema for every Decision', () => {
  it('every decision of every path parses with the schema, unchanged, after a JSON round trip', async () => {
    for (const { applicant } of exampleApplicants) {
      const d = await scorer.decide(applicant);
      const back = JSON.parse(JSON.stringify(d)) as unknown;
      expect(Decision.parse(back)).toEqual(back);
      const next = await scorer.reassess(back as Decision, { applicant, evidence: [] });
      expect(Decision.safeParse(JSON.parse(JSON.stringify(next))).success).toBe(true);
      const lower = scorer.requestReduction(next, 100_000);
      expect(Decision.safeParse(JSON.parse(JSON.stringify(lower))).success).toBe(true);
    }
  });

  it('refuses a field this version does not know, naming it', () => {
    return scorer.decide(exampleFor('salaried_teacher').applicant).then((d) => {
      const r = Decision.safeParse({ ...d, surprise: 1 });
      expect(r.success).toBe(false);
      expect(JSON.stringify(r.error?.issues)).toContain('surprise');
    });
  });

  it('a prior stored by a database that reorders keys still verifies (the seal is over canonical JSON)', async () => {
    const a = exampleFor('salaried_teacher').applicant;
    const d = await scorer.decide(a);
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v;
    await expect(scorer.reassess(reorder(d) as Decision, { applicant: a, evidence: [] })).resolves.toHaveProperty('outcome');
  });

  it('is exported as JSON Schema, and `creditlift schema --decision` prints it', () => {
    const schema = decisionJsonSchema();
    expect(schema.title).toBe('creditlift Decision');
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(['lineAction', 'maxGrantable', 'audit']));
    const c = captureIo();
    expect(runSchemaCommand(['--decision'], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toEqual(schema);
    const d = captureIo();
    expect(runSchemaCommand(['--decision', 'applicant'], d.io)).toBe(2);
  });
});

describe('personal data', () => {
  const teacher = exampleFor('salaried_teacher').applicant;
  const ids = (teacher.evidence ?? []).map((e) => e.credentialId);

  it('no decision carries a certificate registration number, with or without a key', async () => {
    for (const s of [scorer, keyed]) {
      const d = await s.decide(teacher);
      const json = JSON.stringify(d);
      for (const id of ids) expect(json).not.toContain(id);
      expect(json).not.toContain('credentialId');
    }
  });

  it('with a personal-data key: certificates get stable keyed references; input, subject and id are HMACs a record holder cannot confirm', async () => {
    const a = await keyed.decide(teacher);
    const b = await keyed.decide(teacher);
    expect(a.audit.hashing).toBe('hmac-sha256');
    expect(a.evidence[0]?.credentialRef).toMatch(/^cred_[0-9a-f]{32}$/);
    expect(b.evidence[0]?.credentialRef).toBe(a.evidence[0]?.credentialRef);
    const other = await createScorer({ suggestionsPerDecision: 0, personalDataKey: 'q'.repeat(32) });
    try {
      const c = await other.decide(teacher);
      expect(c.audit.inputHash).not.toBe(a.audit.inputHash);
      expect(c.audit.subjectHash).not.toBe(a.audit.subjectHash);
      expect(c.audit.decisionId).not.toBe(a.audit.decisionId);
      expect(c.evidence[0]?.credentialRef).not.toBe(a.evidence[0]?.credentialRef);
      // A prior made under another personal-data key is not recognised as this person's.
      await expect(other.reassess(a, { applicant: teacher, evidence: [] })).rejects.toMatchObject({ code: 'prior_invalid' });
    } finally {
      await other.close();
    }
  });

  it('without a key: hashes are plain SHA-256 and certificates have no reference at all', async () => {
    const d = await scorer.decide(teacher);
    expect(d.audit.hashing).toBe('sha256');
    expect(d.evidence.every((e) => e.credentialRef === null)).toBe(true);
  });

  it('a key shorter than 32 bytes is refused, naming the option', async () => {
    await expect(createScorer({ signingKey: 'short' })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: ['signingKey'] }] });
  });
});

describe('the command line signs too', () => {
  it('`creditlift decide --signing-key-file` signs with the same key the library takes as a string', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { runDecideCommand } = await import('../../src/cli/decideCommand.js');
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-sign-'));
    const key = 'k'.repeat(40);
    writeFileSync(join(dir, 'key'), `${key}\n`);
    const teacher = exampleFor('salaried_teacher').applicant;
    writeFileSync(join(dir, 'applicant.json'), JSON.stringify(teacher));
    const c = captureIo();
    expect(await runDecideCommand([join(dir, 'applicant.json'), '--signing-key-file', join(dir, 'key')], c.io)).toBe(0);
    const fromCli = JSON.parse(c.out()) as Decision;
    const lib = await createScorer({ signingKey: key });
    try {
      expect(fromCli.audit.signature).toBe((await lib.decide(teacher)).audit.signature);
      await expect(lib.reassess(fromCli, { applicant: teacher, evidence: [] })).resolves.toHaveProperty('audit.kind', 'reassess');
    } finally {
      await lib.close();
    }
  });
});
