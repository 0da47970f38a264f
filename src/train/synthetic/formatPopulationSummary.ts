import { refuseArguments, schemaIssues } from '../../errors/argumentIssues.js';
import { PopulationSummaryShape, type PopulationSummary } from './describePopulation.js';
import { SEGMENT_IDS, SEGMENT_PROFILES } from './segments.js';

/**
 * Markdown tables of a {@link PopulationSummary}, in the layout of models/default/POPULATION.md,
 * so the model card's figures are regenerated rather than retyped.
 *
 * @throws ValidationError (subject `formatPopulationSummary`) naming each figure of `summary` that
 *   is missing or not a number (a summary from `describePopulation` has them all)
 */
export function formatPopulationSummary(summary: PopulationSummary): string {
  refuseArguments('formatPopulationSummary', [schemaIssues(['summary'], summary, PopulationSummaryShape)]);
  const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
  const rmb = (x: number): string => (Number.isNaN(x) ? 'n/a' : Math.round(x).toLocaleString('en-US'));
  const lines: string[] = [];
  lines.push(`Population of ${summary.size.toLocaleString('en-US')} applicants; 12-month default rate ${pct(summary.defaultRate)}.`, '');
  lines.push('| segment | share | median net income, RMB/month | thin file | holds a countable certificate | default rate |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const id of SEGMENT_IDS) {
    const s = summary.segments[id];
    lines.push(
      `| ${id} (${SEGMENT_PROFILES[id].description}) | ${pct(s.share)} | ${rmb(s.medianMonthlyIncomeRmb)} | ${pct(s.thinFileShare)} | ${pct(s.countableCertificateShare)} | ${pct(s.defaultRate)} |`,
    );
  }
  lines.push('', '| city tier | 1 | 2 | 3 | 4 | 5 | tier 3 or below |', '|---|---:|---:|---:|---:|---:|---:|');
  lines.push(`| share | ${summary.tierShares.map(pct).join(' | ')} | ${pct(summary.tier3OrBelowShare)} |`);
  const r = summary.regionShares;
  lines.push('', '| region | east | central | west | northeast | central + west |', '|---|---:|---:|---:|---:|---:|');
  lines.push(`| share | ${pct(r.east)} | ${pct(r.central)} | ${pct(r.west)} | ${pct(r.northeast)} | ${pct(summary.centralAndWestShare)} |`);
  lines.push('', '| industry | share |', '|---|---:|');
  for (const industry of summary.industriesBySize) lines.push(`| ${industry} | ${pct(summary.industryShares[industry])} |`);
  lines.push('', '| usage and file | value |', '|---|---:|');
  lines.push(`| thin file (no bureau record) | ${pct(summary.thinFileShare)} |`);
  lines.push(`| active users (10+ uses in 3 months) | ${pct(summary.activeShare)} |`);
  lines.push(`| mean uses per 3 months, active users | ${summary.meanUsesPer3mActive.toFixed(0)} |`);
  lines.push(`| mean single use, RMB | ${summary.meanUseRmb.toFixed(1)} |`);
  lines.push(`| never billed (no on-time rate) | ${pct(summary.neverBilledShare)} |`);
  for (const [source, share] of Object.entries(summary.incomeSourceShares)) lines.push(`| income source ${source} | ${pct(share)} |`);
  lines.push('', '| certificates | share or default rate |', '|---|---:|');
  lines.push(`| applicants with any evidence | ${pct(summary.anyEvidenceShare)} |`);
  lines.push(`| applicants with a countable certificate | ${pct(summary.countableEvidenceShare)} |`);
  for (const [category, share] of Object.entries(summary.categoryHoldingShares)) lines.push(`| holds a ${category} item | ${pct(share)} |`);
  lines.push(`| self-declared items (share of items) | ${pct(summary.selfDeclaredItemShare)} |`);
  lines.push(`| fraudulent items (share of items) | ${pct(summary.fraudulentItemShare)} |`);
  lines.push(`| default rate, with a countable certificate | ${pct(summary.withCountableCertificate.defaultRate)} |`);
  lines.push(`| default rate, without | ${pct(summary.withoutCountableCertificate.defaultRate)} |`);
  lines.push(`| default rate, with fraudulent evidence | ${pct(summary.withFraudulentEvidence.defaultRate)} |`);
  lines.push('', '| kind | holders |', '|---|---:|');
  for (const [kind, share] of Object.entries(summary.kindHoldingShares)) lines.push(`| ${kind} | ${pct(share)} |`);
  return lines.join('\n');
}
