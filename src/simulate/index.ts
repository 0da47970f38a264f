export { simulateBook, type SimulateBookOptions } from './simulateBook.js';
export {
  runSimulation,
  type RunSimulationOptions,
  type SimulationResult,
  type SimulationArm,
  type SimulationFlip,
  type SimulationRecordError,
  type SimulationProvenance,
  type SimulationSide,
  type DecideBatch,
} from './runSimulation.js';
export {
  createSimulationAccumulator,
  type SimulationAccumulator,
  type SimulationSummary,
  type SimulatedRecord,
  type SimulationAccumulatorOptions,
  type AverageCostAlert,
  type ArmAssumptions,
  type SegmentComparison,
  type BacktestCell,
  type BacktestOutcomes,
  type OutcomeMatrix,
} from './simulationAccumulator.js';
export { buildSimulationHtml, SIMULATION_CHART_IDS, type SimulationReportMeta } from './buildSimulationHtml.js';
export type { ArmFigures } from './armFigures.js';
export { bookSegments, ageBand, SEGMENT_DIMENSIONS, type BookSegments, type SegmentDimension } from './bookSegments.js';
export { decisionFacts, OUTCOMES, type DecisionFacts, type Outcome } from './decisionFacts.js';
export { LIMIT_CHANGE_BANDS, type LimitChangeDistribution } from './limitChange.js';
export {
  LINE_ACTIONS,
  type LineActionFigures,
  type LineActionSummary,
  type LineActionMatrix,
  type LineMoves,
} from './lineActions.js';
export { SIMULATION_MODES, type SimulationMode, type SimulationPaths } from './simulationPaths.js';
export { STORED_PRIOR_REFUSALS, type StoredPriorRefusal } from './storedPrior.js';
export type { PriorSource, PriorSources } from './priorSources.js';
export { portfolioAssumptions, expectedLoss, expectedInterestIncome, DEFAULT_UTILISATION, type PortfolioAssumptions } from './portfolioEconomics.js';
export { readOutcomes } from './readOutcomes.js';
export {
  fairOutcomes,
  ADVERSE_IMPACT_THRESHOLD,
  UNDER_AGE_GROUP,
  FAIRNESS_DIMENSIONS,
  type FairOutcomes,
  type FairOutcomeRow,
  type NotComparedGroup,
  type FairnessDimension,
  type GroupTally,
} from '../fairness/fairOutcomes.js';
