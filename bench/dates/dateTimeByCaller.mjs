// Self time spent in date code (date-fns, parseIsoDate, the integer calendar functions of
// src/dates) in a V8 .cpuprofile, charged to the nearest caller outside it, as a share of all
// samples: `node bench/dates/dateTimeByCaller.mjs <file.cpuprofile>`. Frames from train.js (the
// synthetic population built before the rounds) are listed but left out of the decision total.
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const DATE_FUNCTIONS = /^(parseIsoDate|calendarDateOf|monthsBetween|yearsBetween|dayNumberOf|dayNumberOfParts|addCalendarMonths|daysInMonth|isLeapYear|digit)$/;
const isDateFrame = (n) => n.callFrame.url.includes('/date-fns/') || (DATE_FUNCTIONS.test(n.callFrame.functionName) && !n.callFrame.url.endsWith('train.js'));
let all = 0;
const byCaller = new Map();
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  all += dt;
  let n = byId.get(id);
  if (!isDateFrame(n)) return;
  while (n !== undefined && isDateFrame(n)) n = byId.get(parentOf.get(n.id));
  const caller = n === undefined ? '?' : `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`;
  byCaller.set(caller, (byCaller.get(caller) ?? 0) + dt);
});
let decision = 0;
for (const [caller, us] of [...byCaller].sort((a, b) => b[1] - a[1])) {
  console.log(`${((100 * us) / all).toFixed(2).padStart(6)}%  ${caller}`);
  if (!caller.endsWith('train.js')) decision += us;
}
console.log(`date code on the decision path: ${((100 * decision) / all).toFixed(2)}% of all samples`);
