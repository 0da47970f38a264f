// decide() latency of built packages side by side in ONE process: each build's scorer decides the 11
// example applicants in blocks of 5 passes, builds alternating block by block, 40 blocks after a
// warm-up; prints the median and 10th percentile per build.
// `SUGG=3 node bench/compare/decideLatencyOfBuilds.mjs /abs/dist-a /abs/dist-b` (builds inside this repository).
const builds = process.argv.slice(2);
if (builds.length === 0) throw new Error('give the absolute paths of one or more built dist/ folders');
const suggestions = Number(process.env.SUGG ?? 0);
const examples = (await import(`${builds[0]}/examples.js`)).exampleApplicants.map((e) => e.applicant);
const scorers = [];
for (const dir of builds) {
  const { createScorer } = await import(`${dir}/index.js`);
  scorers.push(await createScorer({ suggestionsPerDecision: suggestions }));
}
for (let w = 0; w < 100; w++) for (const s of scorers) for (const a of examples) await s.decide(a);
const latencies = scorers.map(() => []);
for (let block = 0; block < 40; block++) {
  for (let i = 0; i < scorers.length; i++) {
    for (let pass = 0; pass < 5; pass++) {
      for (const a of examples) {
        const t0 = process.hrtime.bigint();
        await scorers[i].decide(a);
        latencies[i].push(Number(process.hrtime.bigint() - t0) / 1000);
      }
    }
  }
}
for (let i = 0; i < builds.length; i++) {
  const xs = latencies[i].sort((a, b) => a - b);
  console.log(`${builds[i]}: median ${xs[xs.length >> 1].toFixed(1)} us, p10 ${xs[Math.floor(xs.length * 0.1)].toFixed(1)} us`);
}
for (const s of scorers) await s.close();
