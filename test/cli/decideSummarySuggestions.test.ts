// Outside tester findings21-explain F1, on the command line: `decide --summary` printed "Would raise
// it: Vocational skill level certificate -> ¥17,700" for the new graduate, the decision's own preview of
// uploading the certificate to that decision (reassess), which the CLI has no command for, while
// `creditlift suggest` on the same file said ¥17,400. The summary now prints the previews of the path a
// CLI user can take, deciding again with the certificate, and says so: `suggest`'s figures.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { summarizeDecision } from '../../src/cli/summarizeDecision.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { EvidenceSuggestions } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/index.js';
import { formatRmb } from '../../src/report/formatMoney.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'summary-suggestions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const wouldRaise = (summary: string) => summary.split('\n').find((l) => l.includes('Would raise it'));

describe('decide --summary previews the path a CLI user can take (findings21-explain F1)', () => {
  it("for every example, the summary's previews are `creditlift suggest --top 3`'s, figure for figure, and say the path", async () => {
    let withSuggestions = 0;
    for (const ex of exampleApplicants) {
      const path = join(work, `${ex.id}.json`);
      writeFileSync(path, JSON.stringify(ex.applicant));
      const summary = captureIo();
      expect(await main(['decide', path, '--summary'], summary.io)).toBe(0);
      const suggest = captureIo();
      expect(await main(['suggest', path, '--top', '3', '--json'], suggest.io)).toBe(0);
      const s = JSON.parse(suggest.out()) as EvidenceSuggestions;
      const line = wouldRaise(summary.out());
      if (s.items.length === 0) {
        expect(line, ex.id).toBeUndefined();
        continue;
      }
      withSuggestions++;
      const expected = s.items
        .map((i) => `${i.names.en} -> ${formatRmb(i.limit)} (+${formatRmb(i.limitGain)}${i.outcome === 'refer' ? ', proposed for a person to review' : ''})`)
        .join('; ');
      expect(line, ex.id).toBe(`  Would raise it, deciding again with it (creditlift suggest): ${expected}`);
    }
    expect(withSuggestions).toBe(5);
  });

  it('the figures of the finding: ¥17,400 for the vocational skill certificate, as suggest says, not the upload preview ¥17,700', async () => {
    const path = join(work, 'graduate.json');
    writeFileSync(path, JSON.stringify(exampleApplicants.find((e) => e.segment === 'new_graduate')!.applicant));
    const c = captureIo();
    expect(await main(['decide', path, '--summary'], c.io)).toBe(0);
    expect(wouldRaise(c.out())).toContain('Vocational skill level certificate -> ¥17,400 (+¥400)');
    expect(c.out()).not.toContain('¥17,700');
  });

  // The summary showed `suggest`'s previews yet decided with the scorer's 3 upload previews, which it
  // never printed: the what-ifs ran twice. It now decides with none (`suggestions: 0`), and its audit
  // line names that decision.
  it('decides once without upload previews: its audit id is the decision made with suggestions 0, the JSON keeps the default', async () => {
    const ex = exampleApplicants.find((e) => e.segment === 'new_graduate')!;
    const path = join(work, 'graduate-once.json');
    writeFileSync(path, JSON.stringify(ex.applicant));
    const [summary, plain] = [captureIo(), captureIo()];
    expect(await main(['decide', path, '--summary'], summary.io)).toBe(0);
    expect(await main(['decide', path, '--compact'], plain.io)).toBe(0);
    const scorer = await createScorer();
    try {
      const none = await scorer.decide(ex.applicant, { suggestions: 0 });
      const three = await scorer.decide(ex.applicant);
      expect(summary.out()).toContain(`Audit ${none.audit.decisionId} `);
      expect(none.audit.decisionId).not.toBe(three.audit.decisionId);
      expect((JSON.parse(plain.out()) as { audit: { decisionId: string } }).audit.decisionId).toBe(three.audit.decisionId);
    } finally {
      await scorer.close();
    }
  });

  it('a summary of a decision alone labels its previews as uploads to that decision (reassess), the path they preview', async () => {
    const scorer = await createScorer();
    try {
      const d = await scorer.decide(exampleApplicants.find((e) => e.segment === 'new_graduate')!.applicant);
      expect(wouldRaise(summarizeDecision(d))).toMatch(
        /^ {2}Would raise it, uploaded to this decision \(reassess on its date\): Vocational skill level certificate -> ¥17,700 \(\+¥700\)/,
      );
    } finally {
      await scorer.close();
    }
  });
});
