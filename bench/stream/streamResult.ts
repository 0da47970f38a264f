/** Options of the decision stream (bench/stream/streamBuiltMain.mjs). */
export interface StreamOptions {
  readonly modelPath: string;
  readonly total: number;
  readonly batchSize: number;
  readonly suggestionsPerDecision: number;
}

/** What a decision stream cost, in memory and time. */
export interface StreamResult {
  /** Flags the stream's node ran with (none: node's defaults). */
  readonly nodeFlags: readonly string[];
  readonly decisions: number;
  readonly errors: number;
  readonly batchSize: number;
  readonly suggestionsPerDecision: number;
  /** Peak resident set of the whole process (`process.resourceUsage().maxRSS`), MiB. */
  readonly peakRssMiB: number;
  /** Resident set after the scorer loaded, before the first decision, MiB. */
  readonly startRssMiB: number;
  /** Resident set at the end, MiB: near the start figure when nothing is retained. */
  readonly endRssMiB: number;
  readonly seconds: number;
  /** Of `seconds`, the time spent generating applicants (not creditlift's cost). */
  readonly generateSeconds: number;
  /** Decisions per second of scoring time (generation excluded). */
  readonly decisionsPerSecond: number;
}
