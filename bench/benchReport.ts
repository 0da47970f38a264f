import type { BatchThroughput } from './cases/batchThroughput.js';
import type { DecideLatency } from './cases/decideLatency.js';
import type { PoolScaling } from './cases/poolScaling.js';
import type { SampleSummary } from './harness/summarizeSamples.js';
import type { MachineInfo } from './machineInfo.js';
import type { StreamResult } from './stream/streamDecisions.js';

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  readonly date: string;
  readonly command: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  readonly decide: DecideLatency;
  readonly batch: BatchThroughput;
  readonly treeShap: SampleSummary;
  readonly pool: PoolScaling;
  readonly stream: StreamResult | undefined;
}

/** One line of the results table. */
export interface ReportRow {
  readonly what: string;
  readonly figure: string;
  readonly beside: string;
}

/** One issue-7 target with the figure measured against it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;
const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
const ratio = (x: number) => `${x.toFixed(2)}x`;

/** The results table rows, in reading order. */
export function reportRows(r: BenchReport): ReportRow[] {
  const { decide, batch, pool, stream } = r;
  const rows: ReportRow[] = [
    { what: 'bare session.run, 1 row: median / p99', figure: `${us(decide.bareRun.medianNs)} / ${us(decide.bareRun.p99Ns)}`, beside: '' },
    {
      what: 'decide(): median / p99',
      figure: `${us(decide.decide.medianNs)} / ${us(decide.decide.p99Ns)}`,
      beside: `${ratio(decide.decide.medianNs / decide.bareRun.medianNs)} bare (median)`,
    },
    {
      what: 'decide(), 3 suggestions: median / p99',
      figure: `${us(decide.decideWithSuggestions.medianNs)} / ${us(decide.decideWithSuggestions.p99Ns)}`,
      beside: `${ratio(decide.decideWithSuggestions.medianNs / decide.bareRun.medianNs)} bare (median)`,
    },
    {
      what: `bare session.run, ${batch.batchSize} rows in one run`,
      figure: `${rate(batch.bareRun.perSecond)} rows`,
      beside: `${rate(batch.bareRun.perCpuSecond)} per CPU-s`,
    },
    {
      what: `decideBatch(${batch.batchSize}), full explanations`,
      figure: rate(batch.decideBatch.perSecond),
      beside: `${rate(batch.decideBatch.perCpuSecond)} per CPU-s; ${ratio(batch.bareRun.perSecond / batch.decideBatch.perSecond)} slower than bare`,
    },
    {
      what: `decideBatch(${batch.batchSize}), 3 suggestions`,
      figure: rate(batch.decideBatchWithSuggestions.perSecond),
      beside: `${rate(batch.decideBatchWithSuggestions.perCpuSecond)} per CPU-s`,
    },
    { what: 'TreeSHAP, one row: median / p99', figure: `${us(r.treeShap.medianNs)} / ${us(r.treeShap.p99Ns)}`, beside: `mean ${us(r.treeShap.meanNs)}` },
  ];
  for (const p of pool.byWorkers) {
    const one = pool.byWorkers.find((q) => q.workers === 1 && q.mode === p.mode)?.throughput.perSecond;
    rows.push({
      what: `pool, ${p.workers} worker${p.workers === 1 ? '' : 's'}: ${p.mode === 'json' ? 'decideBatchJson' : 'decideBatch'}(${pool.batchSize})`,
      figure: rate(p.throughput.perSecond),
      beside: one === undefined || p.workers === 1 ? `${rate(p.throughput.perCpuSecond)} per CPU-s` : `${ratio(p.throughput.perSecond / one)} one worker`,
    });
  }
  if (stream !== undefined) {
    rows.push({
      what: `stream of ${stream.decisions.toLocaleString('en-US')} decisions (built package, plain node): peak RSS`,
      figure: `${stream.peakRssMiB.toFixed(0)} MiB`,
      beside: `RSS ${stream.startRssMiB.toFixed(0)} MiB at start, ${stream.endRssMiB.toFixed(0)} MiB at end; ${rate(stream.decisionsPerSecond)} over ${stream.seconds.toFixed(0)} s (${stream.generateSeconds.toFixed(0)} s generating input)`,
    });
  }
  return rows;
}

/** The four issue-7 targets, each against this run's figure. */
export function targetChecks(r: BenchReport): TargetCheck[] {
  const decideRatio = r.decide.decide.medianNs / r.decide.bareRun.medianNs;
  const perCore = r.batch.decideBatch.perCpuSecond;
  const scalingOf = (mode: 'objects' | 'json') => {
    const one = r.pool.byWorkers.find((p) => p.workers === 1 && p.mode === mode)?.throughput.perSecond;
    const two = r.pool.byWorkers.find((p) => p.workers === 2 && p.mode === mode)?.throughput.perSecond;
    return one !== undefined && two !== undefined ? two / one : undefined;
  };
  const scaling = scalingOf('json');
  const objects = scalingOf('objects');
  return [
    { target: 'decide() median <= 1.5x bare 1-row session.run', measured: ratio(decideRatio), met: decideRatio <= 1.5 },
    { target: 'decideBatch, full explanations >= 50,000/s per core', measured: `${rate(perCore)} per CPU-s`, met: perCore >= 50_000 },
    {
      target: '2 workers >= 1.8x 1 worker',
      measured: scaling === undefined ? 'not measured' : `${ratio(scaling)} (decideBatchJson); ${objects === undefined ? '-' : ratio(objects)} (decideBatch)`,
      met: scaling === undefined ? undefined : scaling >= 1.8,
    },
    {
      target: 'peak RSS < 256 MiB, 1,000,000-decision stream',
      measured: r.stream === undefined ? 'not measured' : `${r.stream.peakRssMiB.toFixed(0)} MiB over ${r.stream.decisions.toLocaleString('en-US')}`,
      met: r.stream === undefined ? undefined : r.stream.peakRssMiB < 256 && r.stream.decisions >= 1_000_000,
    },
  ];
}

/** A plain-text table for the terminal. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const metText = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**missed**');

/** The generated block of RESULTS.md: command, machine, figures and targets. */
export function resultsMarkdown(r: BenchReport): string {
  const m = r.machine;
  const mdTable = (headers: readonly string[], rows: readonly (readonly string[])[]) =>
    [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return [
    `Measured ${r.date} with \`${r.command}\`${r.quick ? ' (quick run: fewer iterations, short stream)' : ''}.`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.platform}, Node ${m.node}, onnxruntime-node ${m.onnxruntime}.`,
    '',
    mdTable(
      ['measure', 'figure', 'beside'],
      reportRows(r).map((row) => [row.what, row.figure, row.beside]),
    ),
    '',
    mdTable(
      ['target (issue 7)', 'measured', ''],
      targetChecks(r).map((t) => [t.target, t.measured, metText(t.met)]),
    ),
  ].join('\n');
}
