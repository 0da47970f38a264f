// The playground leaves out of an example the certificates the catalog in use does not count as
// written, and names them in a note beside; but the example's story was served as written, so under a
// lender catalog without IELTS the new graduate's story still said "an IELTS 6.5 to upload" above an
// applicant holding none, and the fraud example still told of three IELTS reports the page did not
// show. Each story is now told of the applicant served: a phrase about a left-out certificate is not in it.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { exampleApplicants, exampleStory } from '../../src/examples/index.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { examplesUnderCatalog } from '../../src/playground/examplesUnderCatalog.js';

const jurisdiction = defaultPolicy.jurisdiction;
const servedUnder = (offered: typeof defaultCatalog) => examplesUnderCatalog({ offered: [...offered.values()], banned: [], jurisdiction });

describe("an example's story tells of the certificates the page shows", () => {
  it('law: every certificate of every example is named by its story, so leaving any one out changes the story', () => {
    for (const e of exampleApplicants) {
      const n = e.applicant.evidence?.length ?? 0;
      for (const p of e.storyParts) if (typeof p !== 'string') for (const i of p.evidence) expect(i, e.id).toBeLessThan(n);
      for (let i = 0; i < n; i++)
        expect(
          exampleStory(e, (j) => j !== i),
          `${e.id} without #${i}`,
        ).not.toBe(e.story);
    }
  });

  it('under the default catalog every story is served as written', () => {
    const served = servedUnder(defaultCatalog);
    expect(served.map((e) => e.story)).toEqual(exampleApplicants.map((e) => e.story));
    expect(exampleApplicants.find((e) => e.id === 'ex-new-graduate')?.story).toBe(
      'Graduated in 2025, first office job for a year, a school scholarship on file, an IELTS 6.5 to upload, no bureau file yet.',
    );
  });

  it('under a catalog without IELTS no story served names IELTS: the new graduate keeps her scholarship, the fraud example says what it lost', () => {
    const served = servedUnder(new Map([...defaultCatalog].filter(([id]) => id !== 'ielts')));
    const graduate = served.find((e) => e.id === 'ex-new-graduate');
    expect(graduate?.leftOut.map((l) => l.kind)).toEqual(['ielts']);
    expect(graduate?.story).toBe('Graduated in 2025, first office job for a year, a school scholarship on file, no bureau file yet.');
    const fraud = served.find((e) => e.segment === 'duplicate_certificate');
    expect(fraud?.applicant.evidence).toEqual([]);
    expect(fraud?.story).toMatch(/^Written to show a fraud pattern with IELTS reports .* which the catalog in use does not count as written\.$/);
    for (const e of served) if (e.id !== fraud?.id) expect(e.story, e.id).not.toContain('IELTS');
  });

  it('under a catalog without the vocational skill certificate, the stories of its holders drop it and stay sentences', () => {
    const served = servedUnder(new Map([...defaultCatalog].filter(([id]) => id !== 'vocational_skill_level')));
    const stories = Object.fromEntries(served.map((e) => [e.segment, e.story]));
    expect(stories.self_capped).toBe('Restaurant cook who knows she overspends online and has capped her own limit at 2,000.');
    expect(stories.construction_worker).toMatch(/two children at home\.$/);
    for (const e of served.filter((x) => x.leftOut.length > 0)) expect(e.story, e.id).not.toMatch(/skill certificate|cook certificate|, ,| {2}/);
  });

  it('exampleStory refuses what is not an example or a yes/no answer, by name, never reading a truthy value as held', () => {
    const graduate = exampleApplicants[0]!;
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'));
      }
      return 'no error';
    };
    expect(refused(() => exampleStory(null as never, () => true))).toEqual(['example.storyParts']);
    expect(refused(() => exampleStory({ storyParts: [{ evidence: [-1], text: 'x' }] }, () => true))).toEqual(['example.storyParts']);
    expect(refused(() => exampleStory(graduate, null as never))).toEqual(['holds']);
    expect(refused(() => exampleStory(graduate, (() => 1) as never))).toEqual(['holds']);
  });
});
