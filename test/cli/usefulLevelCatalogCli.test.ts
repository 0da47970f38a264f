// findings17-gaming F3: a lender's --catalog file sets a kind's useful level (scale.usefulFrom) as
// createScorer({ catalog }) does, and a useful level that could never be met by a suggestion (above
// typical) is refused by name before anything is decided.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { main } from '../../src/cli/main.js';
import { readCatalogFile } from '../../src/cli/readCatalogFile.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'useful-level-cli-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cet6 = defaultCatalog.get('cet6');
const graduate = structuredClone(exampleApplicants.find((e) => e.id === 'ex-new-graduate')!.applicant) as Applicant;
const withCet6 = (score: number): Applicant => ({
  ...graduate,
  evidence: [
    {
      kind: 'cet6',
      issuer: 'NEEA',
      credentialId: `CET6-${score}`,
      holder: { idHash: graduate.identity.idHash },
      issueDate: '2025-12-01',
      score,
      verification: { method: 'issuer_api', confidence: 0.95 },
      documentHash: createHash('sha256').update(`cet6-${score}`).digest('hex'),
    },
  ],
});

describe('--catalog FILE.json sets and validates a kind useful level (findings17-gaming F3)', () => {
  it('a usefulFrom above typical is catalog_invalid naming the file and scale.usefulFrom, and decide exits 1 before deciding', async () => {
    writeFileSync(file('above.json'), JSON.stringify([{ ...cet6, scale: { ...cet6?.scale, usefulFrom: 500 } }]));
    const e = await readCatalogFile(file('above.json')).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ code: 'catalog_invalid', subject: '--catalog above.json' });
    expect((e as ValidationError).issues.map((i) => i.path)).toEqual([[0, 'scale', 'usefulFrom']]);
    writeFileSync(file('one.json'), JSON.stringify(withCet6(300)));
    const c = captureIo();
    expect(await main(['decide', file('one.json'), '--catalog', file('above.json')], c.io)).toBe(1);
    expect(c.err()).toMatch(/0\.scale\.usefulFrom/);
    expect(c.out()).toBe('');
  });

  it('a lower usefulFrom makes a CET-6 of 300 count; without the file it is refused result_below_useful_level', async () => {
    writeFileSync(file('lower.json'), JSON.stringify([{ ...cet6, scale: { ...cet6?.scale, usefulFrom: 300 } }]));
    writeFileSync(file('one.json'), JSON.stringify(withCet6(300)));
    const decided = async (args: string[]): Promise<Decision> => {
      const c = captureIo();
      expect(await main(['decide', file('one.json'), ...args], c.io), c.err()).toBe(0);
      return JSON.parse(c.out()) as Decision;
    };
    expect((await decided(['--catalog', file('lower.json')])).evidence[0]).toMatchObject({ status: 'accepted' });
    expect((await decided([])).evidence[0]).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'] });
  });
});
