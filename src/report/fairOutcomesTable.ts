import { ADVERSE_IMPACT_THRESHOLD, type FairOutcomes, SMALL_GROUP_DECISIONS } from '../fairness/fairOutcomes.js';
import { fixedBesideThresholds } from './formatBesideThresholds.js';
import { escapeHtml } from './escapeHtml.js';
import { formatPercent, formatRmb } from './formatMoney.js';
import { htmlTable } from './htmlPage.js';

const DIMENSION_NAMES: Readonly<Record<string, string>> = { region: 'Region', cityTier: 'City tier', ageBand: 'Age band' };

/**
 * Fair outcomes as HTML tables, one per dimension: approval rate, mean limit, adverse impact ratio
 * against the best-treated group, and a flag below 0.8 with both groups' counts beside it; each
 * group set aside is named below its table with its count and why. A flag resting on a group of
 * fewer than {@link SMALL_GROUP_DECISIONS} decisions (the flagged one or the best-treated) gets a
 * note that it is a prompt to look: a few decisions either way move it.
 */
export function fairOutcomesTables(fair: readonly FairOutcomes[], caption = ''): string {
  return fair
    .map((f) => {
      const best = f.rows.find((r) => r.group === f.bestTreated);
      const rows = f.rows.map((r) => [
        r.group + (r.group === f.bestTreated ? ' (best treated)' : ''),
        r.decided.toLocaleString('en-US'),
        formatPercent(r.approvalRate, 1),
        r.meanLimit === null ? '-' : formatRmb(Math.round(r.meanLimit / 100) * 100),
        // Enough digits to show which side of 0.8 the ratio is on: 0.7955 beside its flag is "0.795", not "0.80".
        r.adverseImpactRatio === null ? '-' : fixedBesideThresholds(r.adverseImpactRatio, 2, [ADVERSE_IMPACT_THRESHOLD]),
        r.flagged
          ? {
              html: escapeHtml(
                `below 0.8 (${r.approved.toLocaleString('en-US')} of ${r.decided.toLocaleString('en-US')} against ${best?.approved.toLocaleString('en-US')} of ${best?.decided.toLocaleString('en-US')})`,
              ),
              cls: 'flag',
            }
          : '',
      ]);
      // The groups a flag rests on that are small: the flagged ones and the best-treated group they are measured against.
      const flagged = f.rows.filter((r) => r.flagged);
      const small = [...flagged, ...(flagged.length > 0 && best !== undefined ? [best] : [])].filter((r) => r.decided < SMALL_GROUP_DECISIONS);
      const smallNote =
        small.length === 0
          ? []
          : [
              `<p class="note">${escapeHtml(
                `A flag here rests on groups of fewer than ${SMALL_GROUP_DECISIONS} decisions (${small.map((r) => `${r.group} ${r.decided.toLocaleString('en-US')}`).join(', ')}): a few decisions either way move the ratio, so the flag is a prompt to look, not a verdict.`,
              )}</p>`,
            ];
      const setAside = f.notCompared.map(
        (g) => `<p class="note">Not compared: ${escapeHtml(g.group)} (${g.decided.toLocaleString('en-US')} decided): ${escapeHtml(g.reason)}.</p>`,
      );
      return [
        `<h3>${escapeHtml(`${caption}${DIMENSION_NAMES[f.dimension] ?? f.dimension}`)}</h3>`,
        htmlTable(`fair fair-${f.dimension}`, ['group', 'decided', 'approval rate', 'mean limit (approved)', 'adverse impact ratio', 'flag'], rows),
        ...smallNote,
        ...setAside,
      ].join('\n');
    })
    .join('\n');
}
