// parseApplicant per applicant, two built packages side by side in ONE process, alternating rounds:
// `OLD=/abs/dist-a NEW=/abs/dist-b node bench/compare/parseApplicantOfBuilds.mjs [rounds=15]`.
// Both builds must sit inside this repository (their imports resolve to node_modules). The input is
// the bench's synthetic population (4,096 applicants, seed 20261101) after a JSON round trip, as a
// service receives them, so no applicant is one parseApplicant already returned. Prints each build's
// median microseconds per applicant (process CPU per round) and their ratio; first checks that both
// builds return the same JSON for every applicant.
const OLD = process.env.OLD;
const NEW = process.env.NEW;
if (!OLD || !NEW) throw new Error('set OLD and NEW to the absolute paths of two built dist/ folders');
const rounds = Number(process.argv[2] ?? 15);
const builds = [];
for (const [name, dir] of [
  ['old', OLD],
  ['new', NEW],
]) {
  const { parseApplicant } = await import(`${dir}/index.js`);
  builds.push({ name, dir, parseApplicant, perApplicant: [] });
}
const { generatePopulation } = await import(`${NEW}/train.js`);
const { EXAMPLE_AS_OF } = await import(`${NEW}/examples.js`);
const inputs = JSON.parse(JSON.stringify(generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant)));

for (const input of inputs) {
  const [a, b] = builds.map((x) => JSON.stringify(x.parseApplicant(input)));
  if (a !== b) throw new Error(`the builds disagree on ${input.id}`);
}
let sink = 0;
const round = (build) => {
  const t0 = process.cpuUsage();
  for (const input of inputs) sink += build.parseApplicant(input).socialInsuranceMonths;
  const u = process.cpuUsage(t0);
  build.perApplicant.push((u.user + u.system) / inputs.length);
};
for (let i = 0; i < 3; i++) for (const b of builds) round(b); // warm-up
for (const b of builds) b.perApplicant.length = 0;
for (let i = 0; i < rounds; i++) for (const b of i % 2 === 0 ? builds : [...builds].reverse()) round(b);
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
for (const b of builds) console.log(`${b.name} ${b.dir}: ${median(b.perApplicant).toFixed(2)} us per applicant (median of ${rounds})`);
console.log(`old / new: ${(median(builds[0].perApplicant) / median(builds[1].perApplicant)).toFixed(2)}x`, sink > 0 ? '' : '(sink)');
