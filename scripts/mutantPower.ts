// How strong the credit laws are on seeds other than the ten test/deep/mutantSweep.test.ts holds them
// to: every mutant scorer of test/testing/mutantScorers.ts checked by the laws that should kill it, at
// the README's settings, on each of COUNT seeds from FROM. Prints the mutants some seed let pass, with
// those seeds, and how many seeds killed every mutant. Takes about two seconds a seed on 2 cores.
// `npx tsx scripts/mutantPower.ts [FROM=100000] [COUNT=100]`
import { mutantKilled } from '../test/testing/mutantKilled.js';
import { mutantBaseScorers, mutants } from '../test/testing/mutantScorers.js';

const from = Number(process.argv[2] ?? 100_000);
const count = Number(process.argv[3] ?? 100);
const bases = await mutantBaseScorers();
const seedsLosing = new Set<number>();
let alwaysKilled = 0;
try {
  for (const m of mutants) {
    const survivedOn: number[] = [];
    for (let seed = from; seed < from + count; seed++) if (!(await mutantKilled(m, bases.of(m), seed))) survivedOn.push(seed);
    for (const seed of survivedOn) seedsLosing.add(seed);
    if (survivedOn.length === 0) alwaysKilled++;
    else console.log(`${m.name}: passed on ${survivedOn.length} of ${count} seeds (${survivedOn.join(', ')})`);
  }
} finally {
  await bases.close();
}
console.log(
  `${alwaysKilled} of ${mutants.length} mutants killed on every seed ${from}-${from + count - 1}; ${count - seedsLosing.size} of ${count} seeds killed all of them`,
);
