// `npx tsx bench/followUps/reassessPerCall.ts [rounds=30]`: CPU per `reassess` of a stored decision
// (each example applicant's decision, read back from JSON as a service's store gives it), and per
// `decideBatch` item of the same applicants, on the source under tsx (compare two trees by running
// it in each). Process CPU (user + system), after a warm-up pass; no suggestions.
import { createScorer } from '../../src/index.js';
import { exampleApplicants } from '../../src/examples/index.js';

const rounds = Number(process.argv[2] ?? 30);
const scorer = await createScorer({ suggestionsPerDecision: 0 });
const applicants = exampleApplicants.map((e) => e.applicant);
const stored = (await Promise.all(applicants.map((a) => scorer.decide(a)))).map((d) => JSON.stringify(d));

async function cpuPerCall(body: () => Promise<number>): Promise<number> {
  await body();
  const t0 = process.cpuUsage();
  const n = await body();
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / n;
}

const reassess = await cpuPerCall(async () => {
  let n = 0;
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < applicants.length; i++, n++)
      await scorer.reassess(JSON.parse(stored[i] as string), { applicant: applicants[i] as (typeof applicants)[number], evidence: [] });
  return n;
});
const batch = await cpuPerCall(async () => {
  for (let r = 0; r < rounds; r++) await scorer.decideBatch(applicants);
  return rounds * applicants.length;
});
console.log(
  `reassess of a stored decision: ${reassess.toFixed(0)} us CPU per call; decideBatch: ${batch.toFixed(0)} us CPU per item (${rounds} rounds of ${applicants.length})`,
);
