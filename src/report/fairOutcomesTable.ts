import { ADVERSE_IMPACT_THRESHOLD, type FairOutcomes } from '../fairness/fairOutcomes.js';
import { fixedBesideThresholds } from './formatBesideThresholds.js';
import { escapeHtml } from './escapeHtml.js';
import { formatPercent, formatRmb } from './formatMoney.js';
import { htmlTable } from './htmlPage.js';

const DIMENSION_NAMES: Readonly<Record<string, string>> = { region: 'Region', cityTier: 'City tier', ageBand: 'Age band' };

/**
 * Fair outcomes as HTML tables, one per dimension: approval rate, mean limit, adverse impact ratio
 * against the best-treated group, and a flag below 0.8; each group set aside is named below its
 * table with its count and why.
 */
export function fairOutcomesTables(fair: readonly FairOutcomes[], caption = ''): string {
  return fair
    .map((f) => {
      const rows = f.rows.map((r) => [
        r.group + (r.group === f.bestTreated ? ' (best treated)' : ''),
        r.decided.toLocaleString('en-US'),
        formatPercent(r.approvalRate, 1),
        r.meanLimit === null ? '-' : formatRmb(Math.round(r.meanLimit / 100) * 100),
        // Enough digits to show which side of 0.8 the ratio is on: 0.7955 beside its flag is "0.795", not "0.80".
        r.adverseImpactRatio === null ? '-' : fixedBesideThresholds(r.adverseImpactRatio, 2, [ADVERSE_IMPACT_THRESHOLD]),
        r.flagged ? { html: 'below 0.8', cls: 'flag' } : '',
      ]);
      const setAside = f.notCompared.map(
        (g) => `<p class="note">Not compared: ${escapeHtml(g.group)} (${g.decided.toLocaleString('en-US')} decided): ${escapeHtml(g.reason)}.</p>`,
      );
      return [
        `<h3>${escapeHtml(`${caption}${DIMENSION_NAMES[f.dimension] ?? f.dimension}`)}</h3>`,
        htmlTable(`fair fair-${f.dimension}`, ['group', 'decided', 'approval rate', 'mean limit (approved)', 'adverse impact ratio', 'flag'], rows),
        ...setAside,
      ].join('\n');
    })
    .join('\n');
}
