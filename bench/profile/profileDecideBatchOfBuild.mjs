// A steady decideBatch load on a BUILT package, to profile: `node --cpu-prof --cpu-prof-dir=/tmp/prof
// bench/profile/profileDecideBatchOfBuild.mjs /abs/path/to/dist [rounds=12] [suggestions=0]`, then
// `npx tsx bench/profile/summarizeCpuProfile.ts /tmp/prof/*.cpuprofile`. Unlike profileDecideBatch.ts
// (source under tsx), the frames are the shipped code. 4,096 seeded applicants per round; the
// build must sit inside this repository.
const D = process.argv[2];
if (!D) throw new Error('pass the absolute path of a built dist/ folder');
const rounds = Number(process.argv[3] ?? 12);
const suggestions = Number(process.argv[4] ?? 0);
const { createScorer } = await import(`${D}/index.js`);
const { generatePopulation } = await import(`${D}/train.js`);
const { EXAMPLE_AS_OF } = await import(`${D}/examples.js`);
const scorer = await createScorer({ suggestionsPerDecision: suggestions });
const inputs = generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
for (let i = 0; i < rounds; i++) await scorer.decideBatch(inputs);
await scorer.close();
