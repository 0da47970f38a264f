// One record's monitor run printed "score PSI 8.283 (act), 0 figure(s) flagged, worst band stable": the
// score's band beside no flag read as a contradiction, though sampling noise explained it (README: a figure
// is flagged only when sampling cannot explain it). The summary line now says why the score is not flagged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-monitor-band-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("a score in a band but not flagged says why on the summary line; the exit code stays the flags'", async () => {
  const [one] = generatePopulation({ size: 1, seed: 2, asOf: '2026-11-01' });
  writeFileSync(join(work, 'one.ndjson'), `${JSON.stringify(one!.applicant)}\n`);
  const c = captureIo();
  const code = await runMonitorCommand(['--applicants', join(work, 'one.ndjson'), '--out', join(work, 'one.json')], c.io);
  expect(code).toBe(0);
  expect(c.out()).toMatch(
    /^monitored 1 of 1 records: score PSI [0-9.]+ \((watch|act), (within sampling noise|not judged: 1 record, \d+ needed)\), 0 figure\(s\) flagged, worst band stable\n/,
  );
});
