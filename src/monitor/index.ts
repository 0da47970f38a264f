export { monitorApplicants, monitorDecisions, type MonitorResult, type MonitorRecordError } from './runMonitor.js';
export {
  createMonitorAccumulator,
  type MonitorAccumulator,
  type MonitorObservation,
  type MonitorSummary,
  type FigureStability,
  type PeriodOutcomes,
} from './monitorAccumulator.js';
export { MonitorBaseline, BinnedBaseline, parseMonitorBaseline, binOf, binCount, numericBaseline, categoricalBaseline, sharesOf } from './monitorBaseline.js';
export { buildMonitorBaseline, type CardScoreBaseline } from './buildMonitorBaseline.js';
export { defaultMonitorBaselinePath } from './defaultMonitorBaselinePath.js';
export { populationStabilityIndex, stabilityBand, WATCH_FROM, ACT_ABOVE, EMPTY_BIN_SHARE, type StabilityBand } from './stabilityIndex.js';
export { samplingNoise, beyondSamplingNoise, RUN_FALSE_ALARM, MIN_EXPECTED_PER_BIN, type SamplingNoise, type ReferenceRange } from './samplingNoise.js';
export { periodOf, type MonitorPeriod } from './monitorPeriod.js';
export { buildMonitorHtml, MONITOR_CHART_IDS } from './buildMonitorHtml.js';
