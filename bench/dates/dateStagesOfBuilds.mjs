// The decision stages that work on dates, timed alone on two or more built packages in ONE process,
// rounds alternating: evidence assessment and the feature row (featurizeApplicants: assessEvidence,
// then months since birth and since the job began), the age rule (ageInYears) and the step-limit
// window over a 12-entry ledger (prepareStepLimits), for 4,096 seeded applicants per round.
// A decideBatch comparison buries a change of a few percent under a loaded machine's noise; these
// stages are where the dates are. `node bench/dates/dateStagesOfBuilds.mjs /abs/old/dist /abs/new/dist [rounds=15]`
// (each build inside this repository). Prints each build's median CPU ms per round and the median
// of round-by-round ratios to the first build.
const dists = process.argv.slice(2).filter((a) => a.includes('/'));
const rounds = Number(process.argv.slice(2).find((a) => !a.includes('/')) ?? 15);
if (dists.length < 2) throw new Error('pass two or more absolute paths of built dist/ folders');

const builds = [];
for (const D of dists) {
  const index = await import(`${D}/index.js`);
  const internals = await import(`${D}/internals.js`);
  const train = await import(`${D}/train.js`);
  const { EXAMPLE_AS_OF } = await import(`${D}/examples.js`);
  const model = await index.loadModel(index.defaultModelPath());
  const encoder = internals.createFeatureEncoder(model.manifest);
  const applicants = train.generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => index.parseApplicant(r.applicant));
  const policy = index.defaultPolicy;
  // A ledger of a year of monthly increases ending on asOf, the same for every applicant.
  const history = Array.from({ length: 12 }, (_, k) => ({ asOf: `2026-${String(k + 1).padStart(2, '0')}-15`, from: 100_000 * k, to: 100_000 * (k + 1) }));
  const run = () => {
    let sink = 0;
    const rows = train.featurizeApplicants(applicants, encoder);
    sink += rows[0] ?? 0;
    for (const a of applicants) {
      sink += internals.ageInYears(a.birthDate, a.asOf);
      sink += internals.prepareStepLimits({ priorLimit: 500_000, asOf: a.asOf, history }, policy).step(2_000_000).limit;
    }
    return sink;
  };
  const check = run();
  builds.push({ D, run, check, ms: [] });
}
for (let i = 0; i < rounds; i++) {
  for (const b of i % 2 === 0 ? builds : [...builds].reverse()) {
    const t0 = process.cpuUsage();
    b.run();
    const u = process.cpuUsage(t0);
    b.ms.push((u.user + u.system) / 1000);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(builds.every((b) => b.check === builds[0].check) ? `same results (checksum ${builds[0].check})` : 'RESULTS DIFFER');
for (const b of builds) {
  const ratios = b.ms.map((x, i) => builds[0].ms[i] / x);
  console.log(
    `${b.D}  median ${median(b.ms).toFixed(1)} CPU ms per round  speed vs first ${median(ratios).toFixed(2)}x  rounds ${b.ms.map(Math.round).join(' ')}`,
  );
}
