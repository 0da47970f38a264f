import type { BatchThroughput } from './cases/batchThroughput.js';
import type { DecideLatency } from './cases/decideLatency.js';
import type { PeerEngines } from './cases/peerEngines.js';
import type { PoolScaling } from './cases/poolScaling.js';
import type { ThroughputResult } from './harness/measureThroughput.js';
import type { SampleSummary } from './harness/summarizeSamples.js';
import type { MachineInfo } from './machineInfo.js';
import type { ScoreCommandStreamResult } from './stream/runScoreCommandInChild.js';
import type { StreamResult } from './stream/streamResult.js';

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  readonly date: string;
  readonly command: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  /** Load average (1 min) when the run started and ended: figures from a loaded machine are noisier. */
  readonly load: readonly [number, number];
  readonly decide: DecideLatency;
  readonly batch: BatchThroughput;
  readonly peers: PeerEngines;
  readonly treeShap: SampleSummary;
  readonly pool: PoolScaling;
  /**
   * The memory stream with node's defaults, with the memory options, with the heap-growth flag, and
   * `creditlift score` over as many records; undefined when skipped.
   */
  readonly streams:
    | {
        readonly byDefault: StreamResult;
        readonly withMemoryOption: StreamResult;
        readonly withHeapGrowth: StreamResult;
        readonly scoreCommand: ScoreCommandStreamResult;
      }
    | undefined;
}

/** One line of the figures table. */
export interface ReportRow {
  readonly what: string;
  readonly figure: string;
  readonly beside: string;
}

/** One issue-20 target with the figure measured against it. */
export interface TargetCheck {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  /** Undefined when this run did not measure it (e.g. the stream was skipped or shortened). */
  readonly met: boolean | undefined;
}

const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;
const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
const ratio = (x: number) => `${x.toFixed(2)}x`;
const perCpu = (t: ThroughputResult) => `${rate(t.perCpuSecond)} per CPU-s`;
const flagsText = (s: StreamResult) => (s.nodeFlags.length === 0 ? "node's defaults" : `node ${s.nodeFlags.join(' ')}`);
const isMeasured = (z: PeerEngines['zen']): z is ThroughputResult => !('unavailable' in z);

/** The figures table rows, in reading order. */
export function reportRows(r: BenchReport): ReportRow[] {
  const { decide, batch, peers, pool, streams } = r;
  const bare = decide.bareRun.medianNs;
  const rows: ReportRow[] = [
    { what: 'bare session.run, 1 row: median / p99', figure: `${us(bare)} / ${us(decide.bareRun.p99Ns)}`, beside: '' },
    {
      what: `decide(), default options (3 suggestions), ${decide.applicants} example applicants: median / p99`,
      figure: `${us(decide.decideDefault.medianNs)} / ${us(decide.decideDefault.p99Ns)}`,
      beside: `${ratio(decide.decideDefault.medianNs / bare)} bare (median)`,
    },
    {
      what: 'decide(), no suggestions: median / p99',
      figure: `${us(decide.decideNoSuggestions.medianNs)} / ${us(decide.decideNoSuggestions.p99Ns)}`,
      beside: `${ratio(decide.decideNoSuggestions.medianNs / bare)} bare (median)`,
    },
    {
      what: `bare session.run, ${batch.batchSize} rows in one run`,
      figure: `${rate(batch.bareRun.perSecond)} rows`,
      beside: perCpu(batch.bareRun),
    },
    {
      what: `decideBatch(${batch.batchSize}), full explanations, no suggestions`,
      figure: rate(batch.noSuggestions.perSecond),
      beside: perCpu(batch.noSuggestions),
    },
    {
      what: `decideBatch(${batch.batchSize}), default options (3 suggestions)`,
      figure: rate(batch.byDefault.perSecond),
      beside: perCpu(batch.byDefault),
    },
    {
      what: `@gorules/zen-engine, loan table, ${peers.applicants} applicants one by one`,
      figure: isMeasured(peers.zen) ? rate(peers.zen.perSecond) : 'not run',
      beside: isMeasured(peers.zen) ? perCpu(peers.zen) : peers.zen.unavailable,
    },
    {
      what: 'json-rules-engine, the same table and applicants',
      figure: rate(peers.jsonRulesEngine.perSecond),
      beside: perCpu(peers.jsonRulesEngine),
    },
    { what: 'TreeSHAP, one row: median / p99', figure: `${us(r.treeShap.medianNs)} / ${us(r.treeShap.p99Ns)}`, beside: `mean ${us(r.treeShap.meanNs)}` },
  ];
  const one = pool.byWorkers.find((p) => p.workers === 1)?.throughput.perSecond;
  for (const p of pool.byWorkers) {
    rows.push({
      what: `pool, ${p.workers} worker${p.workers === 1 ? '' : 's'}: decideBatch(${pool.batchSize}), no suggestions`,
      figure: rate(p.throughput.perSecond),
      beside: one === undefined || p.workers === 1 ? perCpu(p.throughput) : `${ratio(p.throughput.perSecond / one)} one worker`,
    });
  }
  for (const stream of streams === undefined ? [] : [streams.byDefault, streams.withMemoryOption, streams.withHeapGrowth]) {
    rows.push({
      what: `stream of ${stream.decisions.toLocaleString('en-US')} decisions, ${stream.batchSize} at a time, ${flagsText(stream)}: peak RSS`,
      figure: `${stream.peakRssMiB.toFixed(0)} MiB`,
      beside: `RSS ${stream.startRssMiB.toFixed(0)} MiB once loaded, ${stream.endRssMiB.toFixed(0)} MiB at end; ${rate(stream.decisionsPerSecond)} over ${stream.seconds.toFixed(0)} s`,
    });
  }
  if (streams !== undefined) {
    const s = streams.scoreCommand;
    rows.push({
      what: `creditlift score, ${s.decisions.toLocaleString('en-US')} NDJSON records, --suggestions 0, its own heap policy: peak RSS`,
      figure: `${s.peakRssMiB.toFixed(0)} MiB`,
      beside: `${rate(s.decisionsPerCpuSecond)} per CPU-s, ${s.seconds.toFixed(0)} s`,
    });
  }
  return rows;
}

/** The six issue-20 targets, each against this run's figure (zen-engine and the memory option as rows of their own). */
export function targetChecks(r: BenchReport): TargetCheck[] {
  const bare = r.decide.bareRun.medianNs;
  const withSuggestions = r.decide.decideDefault.medianNs / bare;
  const noSuggestions = r.decide.decideNoSuggestions.medianNs / bare;
  const batch = r.batch.noSuggestions.perCpuSecond;
  const batchDefault = r.batch.byDefault.perCpuSecond;
  const zen = isMeasured(r.peers.zen) ? r.peers.zen.perCpuSecond : undefined;
  const one = r.pool.byWorkers.find((p) => p.workers === 1)?.throughput.perSecond;
  const two = r.pool.byWorkers.find((p) => p.workers === 2)?.throughput.perSecond;
  const scaling = one !== undefined && two !== undefined ? two / one : undefined;
  return [
    {
      figure: '`decide()`, default options (3 suggestions), vs bare 1-row run (medians)',
      measured: ratio(withSuggestions),
      target: '<= 10x',
      met: withSuggestions <= 10,
    },
    { figure: '`decide()`, no suggestions, vs bare 1-row run (medians)', measured: ratio(noSuggestions), target: '<= 4x', met: noSuggestions <= 4 },
    { figure: '`decideBatch`, full explanations, no suggestions, per CPU-second', measured: rate(batch), target: '>= 20,000/s', met: batch >= 20_000 },
    {
      figure: '... the same vs `@gorules/zen-engine` per CPU-second',
      measured: zen === undefined ? 'zen-engine not run' : ratio(batch / zen),
      target: '>= 2x',
      met: zen === undefined ? undefined : batch >= 2 * zen,
    },
    { figure: '`decideBatch`, default 3 suggestions, per CPU-second', measured: rate(batchDefault), target: '>= 6,000/s', met: batchDefault >= 6_000 },
    {
      figure: 'pool `decideBatch` (default API), 2 workers vs 1',
      measured: scaling === undefined ? 'not measured' : ratio(scaling),
      target: '>= 1.6x',
      met: scaling === undefined ? undefined : scaling >= 1.6,
    },
    ...(r.streams === undefined ? [undefined] : [r.streams.byDefault, r.streams.withMemoryOption, r.streams.withHeapGrowth]).map((s, i) => ({
      figure: i === 0 ? '1M-decision stream peak RSS' : `... the same with ${s === undefined ? 'the memory option' : flagsText(s)} (README)`,
      measured:
        s === undefined ? 'not measured' : `${s.peakRssMiB.toFixed(0)} MiB over ${s.decisions.toLocaleString('en-US')}${i === 0 ? ` (${flagsText(s)})` : ''}`,
      target: '< 192 MiB',
      // A shorter stream has not shown the million-decision peak.
      met: s === undefined || s.decisions < 1_000_000 ? undefined : s.peakRssMiB < 192,
    })),
    ...(r.streams === undefined
      ? []
      : [
          {
            figure: '... `creditlift score` over as many records (its own heap policy)',
            measured: `${r.streams.scoreCommand.peakRssMiB.toFixed(0)} MiB over ${r.streams.scoreCommand.decisions.toLocaleString('en-US')}`,
            target: '< 192 MiB',
            met: r.streams.scoreCommand.decisions < 1_000_000 ? undefined : r.streams.scoreCommand.peakRssMiB < 192,
          },
        ]),
  ];
}

const metText = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**not met**');

/** A markdown table. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(3, h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ')} |`;
  // The layout Biome's markdown formatter gives a table, so `npm run lint` passes on RESULTS.md as written.
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The generated block of RESULTS.md (also what the bench prints): command, machine, targets, figures. */
export function resultsMarkdown(r: BenchReport): string {
  const m = r.machine;
  return [
    `Measured ${r.date} with \`${r.command}\`${r.quick ? ' (quick run: fewer iterations, short stream; the stream target needs the full run)' : ''}, on the built package (\`dist/\`).`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.platform}, Node ${m.node}, onnxruntime-node ${m.onnxruntime}; load average ${r.load[0].toFixed(2)} at the start, ${r.load[1].toFixed(2)} at the end.`,
    '',
    markdownTable(
      ['issue-20 target', 'measured', 'target', ''],
      targetChecks(r).map((t) => [t.figure, t.measured, t.target, metText(t.met)]),
    ),
    '',
    markdownTable(
      ['figure', 'measured', 'beside'],
      reportRows(r).map((row) => [row.what, row.figure, row.beside]),
    ),
  ].join('\n');
}
