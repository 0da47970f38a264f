// findings22-text F1 on the command line: `score` decided every record whose id held a lone surrogate,
// a NUL, an escape sequence or only a line separator, in process, with `--workers 2` and with `--queue`
// alike; the decision lines then could not be stored (PostgreSQL jsonb refused two of them). Each is now
// its line's error, naming `id` (invalid_format; a lone surrogate, lone_surrogate, from the JSON reader); ids with a visible character keep being decided. The
// pooled twin runs in the deep suite (test/deep/cliPooledPaths.test.ts); a queue worker decides with
// the same scorer, so the same schema refuses there.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { captureIo } from './fakeDecider.js';
import { WORKER_MODES } from './pooledPaths.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'score-refused-ids-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);

const IDS = ['ok-1', 'a\ud800', 'b\udfff\ud800', 'x\u0000y', '\u001b[2J', '\u2028', '\ufeffbom', 'a\u200bb'];
const REFUSED = new Set(['a\ud800', 'b\udfff\ud800', 'x\u0000y', '\u001b[2J', '\u2028']);
// A lone surrogate is refused by the JSON reader itself, at id (lone_surrogate: no UTF-8 writer can write it).
const LONE = new Set(['a\ud800', 'b\udfff\ud800']);

describe('score: an id decide refuses is its line error, on every path', () => {
  for (const workers of WORKER_MODES) {
    it(`each such line names id (invalid_format)${workers === '0' ? ' in process' : ', pooled'}; the others are decided`, async () => {
      writeFileSync(file('ids.ndjson'), `${IDS.map((id) => JSON.stringify(baseApplicantInput({ id }))).join('\n')}\n`);
      const out = file(`ids-${workers}.ndjson`);
      const extra = workers === '0' ? [] : ['--workers', workers, '--batch', '3'];
      expect(await runScoreCommand(['--in', file('ids.ndjson'), '--out', out, '--suggestions', '0', ...extra], captureIo().io)).toBe(3);
      const got = readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { line: number; decision?: { applicantId: string }; error?: { issues: { path: string[]; code: string }[] } });
      expect(got.map((g) => g.line)).toEqual(IDS.map((_, i) => i + 1));
      got.forEach((g, i) => {
        const id = IDS[i] as string;
        if (REFUSED.has(id))
          expect(
            g.error?.issues.map((s) => `${s.path.join('.')}:${s.code}`),
            JSON.stringify(id),
          ).toEqual(LONE.has(id) ? ['id:lone_surrogate'] : ['id:invalid_format']);
        else expect(g.decision?.applicantId, JSON.stringify(id)).toBe(id);
      });
    });
  }
});
