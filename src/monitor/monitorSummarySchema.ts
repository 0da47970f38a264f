import { z } from 'zod';
import { FAIRNESS_DIMENSIONS } from '../fairness/fairOutcomes.js';

// What buildMonitorHtml reads of a summary, each figure with its type: a summary made by hand (or
// read back from JSON) that lacks one is refused naming it, where it threw a TypeError mid-page.
// Loose: a summary may carry more than the report shows.
const Band = z.enum(['stable', 'watch', 'act']);
const Count = z.number().int().min(0);

const FigureStabilitySchema = z.looseObject({
  kind: z.enum(['score', 'feature', 'factor']),
  name: z.string(),
  index: z.number().nullable(),
  band: Band.nullable(),
  byPeriod: z.array(z.looseObject({ period: z.string(), count: Count, index: z.number().nullable() })),
});

const FairOutcomesSchema = z.looseObject({
  dimension: z.enum(FAIRNESS_DIMENSIONS),
  bestTreated: z.string().nullable(),
  rows: z.array(
    z.looseObject({
      group: z.string(),
      decided: Count,
      // Printed beside a flag ("below 0.8 (6 of 9 against 21 of 24)").
      approved: Count,
      approvalRate: z.number(),
      meanLimit: z.number().nullable(),
      adverseImpactRatio: z.number().nullable(),
      flagged: z.boolean(),
    }),
  ),
  notCompared: z.array(z.looseObject({ group: z.string(), decided: Count, reason: z.string() })),
});

/** The figures of a {@link MonitorSummary} the monitor report shows. */
export const MonitorSummaryFigures = z.looseObject({
  modelId: z.string(),
  period: z.enum(['week', 'month']),
  observations: Count,
  score: FigureStabilitySchema,
  features: z.array(FigureStabilitySchema).nullable(),
  factors: z.array(FigureStabilitySchema).nullable(),
  timeline: z.array(
    z.looseObject({
      period: z.string(),
      count: z.number().int().min(1),
      outcomes: z.looseObject({ approve: Count, refer: Count, decline: Count }),
      approvalRate: z.number(),
      meanPd: z.number(),
      meanLimit: z.number().nullable(),
    }),
  ),
  fairness: z.array(FairOutcomesSchema).nullable(),
  flagged: z.array(z.looseObject({ kind: z.enum(['score', 'feature', 'factor']), name: z.string(), index: z.number(), band: Band })),
  worstBand: Band,
});
