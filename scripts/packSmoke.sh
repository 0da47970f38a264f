#!/usr/bin/env bash
# Installs the packed tarball into an empty project, as a user would, and checks that it works
# through `import`, through `require`, from the bin, and that a consumer's strict TypeScript file
# using the exported types compiles.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
npm run build --silent
# Built just above; --ignore-scripts skips prepack so it is not built twice.
tarball="$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
cp "$root/.npmrc" .
npm init -y >/dev/null
# fast-check is an optional peer: only creditlift/testing needs it, so a user of the kit installs it.
npm install --no-audit --no-fund --prefer-offline "./$tarball" fast-check@^4 typescript@~5.9 @types/node@^20 >/dev/null
if ! npm ls fast-check --depth=0 >/dev/null 2>&1; then echo "fast-check missing" >&2; exit 1; fi

cat > esm.mjs <<'JS'
import { createScorer, parseApplicant } from 'creditlift';
import { exampleApplicants } from 'creditlift/examples';
import { assertCreditLaws } from 'creditlift/testing';
import { budgetProgress } from 'creditlift/health';
import { trainGbdt } from 'creditlift/train';
const scorer = await createScorer();
const d = await scorer.decide(exampleApplicants[0].applicant);
if (!(d.limit >= 0) || typeof d.audit.decisionId !== 'string') throw new Error('bad decision');
if (typeof parseApplicant !== 'function' || typeof assertCreditLaws !== 'function' || typeof budgetProgress !== 'function' || typeof trainGbdt !== 'function') throw new Error('missing export');
await scorer.close();
const { createScorerPool } = await import('creditlift');
const pool = await createScorerPool({ workers: 2 });
const batch = await pool.decideBatch([exampleApplicants[0].applicant, { id: 'broken' }, exampleApplicants[3].applicant]);
await pool.close();
if (batch.map((r) => r.ok).join() !== 'true,false,true') throw new Error('pool results out of order');
// One error model across builds: an error from the CJS copy is instanceof the ESM classes.
const { createRequire } = await import('node:module');
const cjs = createRequire(import.meta.url)('creditlift');
const { ValidationError, CreditliftError } = await import('creditlift');
const fromCjs = cjs.safeParseApplicant({}).error;
if (cjs.ValidationError === ValidationError) throw new Error('expected two copies');
if (!(fromCjs instanceof ValidationError) || !(fromCjs instanceof CreditliftError)) throw new Error('instanceof fails across ESM and CJS');
const { sigmoid } = await import('creditlift/internals');
if (typeof sigmoid !== 'function') throw new Error('internals entry');
console.log('esm ok', d.outcome, d.limit, 'pool ok', 'errors across builds ok');
JS
cat > cjs.cjs <<'JS'
const { createScorer } = require('creditlift');
const { exampleApplicants } = require('creditlift/examples');
(async () => {
  const scorer = await createScorer();
  const d = await scorer.decide(exampleApplicants[1].applicant);
  await scorer.close();
  console.log('cjs ok', d.outcome, d.limit);
})().catch((e) => { console.error(e); process.exit(1); });
JS
cat > consumer.ts <<'TS'
import { createScorer, type Applicant, type ApplicantInput, type Decision, type PolicyConfig, type Scorer, ValidationError } from 'creditlift';
import type { BudgetProgress } from 'creditlift/health';
import type { CreditLaw } from 'creditlift/testing';
export async function limitOf(applicant: Applicant, policy?: PolicyConfig): Promise<number> {
  const scorer = await createScorer(policy === undefined ? {} : { policy });
  try {
    const d: Decision = await scorer.decide(applicant);
    return d.limit;
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.length * 0;
    throw e;
  } finally {
    await scorer.close();
  }
}
export type Seen = BudgetProgress | CreditLaw;
// The published types keep the entry points typed: a misspelled field does not compile.
export const misspelled = (s: Scorer, a: ApplicantInput) =>
  // @ts-expect-error birthdate is not a field (birthDate is)
  s.decide({ ...a, birthdate: '2000-01-01' });
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022", "types": ["node"], "skipLibCheck": false, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true }, "files": ["consumer.ts"] }
JSON
node esm.mjs
node cjs.cjs
# The README's Quick start, verbatim, as its text says to run it: in an ES-module project, as quickstart.js.
cat > extractQuickStart.cjs <<'JS'
const fs = require('fs');
const readme = fs.readFileSync(process.argv[2], 'utf8');
const section = readme.slice(readme.indexOf('\n## Quick start\n'));
const fence = '`'.repeat(3);
const start = section.indexOf(fence + 'ts\n') + fence.length + 3;
fs.writeFileSync('quickstart.js', section.slice(start, section.indexOf(fence, start)));
JS
node extractQuickStart.cjs "$root/README.md"
npm pkg set type=module
node quickstart.js
echo "README quick start ok"
npx tsc -p tsconfig.json
npx creditlift decide - < <(node -e "import('creditlift/examples').then(m => process.stdout.write(JSON.stringify(m.exampleApplicants[2].applicant)))") | node -e "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>{const d=JSON.parse(s);if(!d.audit)throw new Error('no decision');console.log('bin ok',d.outcome)})"
echo "pack smoke test: passed"
