import { digest64 } from './lineDigests.js';
import { checkSeal, type AuditKeys } from '../../decision/audit.js';
import type { Decision } from '../../decision/decision.js';
import { readSealKeys } from '../readKeyFile.js';
import { csvAttributesOf } from './csvAttributes.js';
import type { InputRecord } from './inputRecord.js';
import { openInputRecords } from './openInputRecords.js';
import { formatOutputLine } from './outputLine.js';
import { decideChunk } from './scoreRecords.js';
import type { DecideRecords } from './batchDecider.js';
import { configurationFaults, runConfigurationOf, type RunConfiguration } from './runConfiguration.js';
import type { RunManifest } from './runManifest.js';
import type { ScoreArgs } from './scoreArgs.js';

/**
 * What `--resume` holds an answer line already in the output to before it keeps it: a decision
 * line must be this run's answer for its input line (its seal holds under the run's key, its audit
 * names the run's model, policy, catalog and engine, and it answers that input record); any answer
 * line must name a record of the input.
 */
export interface KeptAnswerCheck {
  /** Why a decision (any value) is not one this run made: its seal, or its configuration; undefined when it is. */
  decisionFault(decision: unknown): string | undefined;
  /** A 64-bit digest of which record a decision answers (its `applicantId` and `asOf`), as two 32-bit words. */
  decisionIdentity(decision: unknown): readonly [number, number];
  /** The same digest for an input record the run would decide, or undefined for one it answers with an error line unread. */
  recordIdentity(record: InputRecord): readonly [number, number] | undefined;
  /** The run's input records, read again from its start; its path, and the bytes read so far (a reading stopped says how far it got). */
  inputRecords(): { readonly records: AsyncIterable<InputRecord>; readonly path: string; bytesRead(): number; close(): void };
  /**
   * The error line this run writes for each record (its text, no line break), or undefined for a
   * record it decides; absent when the resume has no decider to ask (a `--queue` producer), and
   * then an error line is only held to naming a record of the input.
   */
  readonly errorLinesOf?: (records: readonly InputRecord[]) => Promise<readonly (string | undefined)[]>;
}

/**
 * The check of a resumed run's kept answers, for the run `run` (its manifest, as this run would
 * write it) with the keys and input of `args`.
 *
 * Which record a decision answers is told by its `audit.applicantId` and `audit.asOf`, the caller's
 * id and date as the record gives them (the schema keeps both as given), not by recomputing
 * `audit.inputHash`: that needs the whole validation (a `--features` module's attribute schema, the
 * ledger) and the scorer's settings, which a `--queue` producer does not load. The input's bytes are
 * pinned by the manifest, and the seal (signed under the run's key) and the configuration tie the
 * decision to the run; what stays untold is a decision of the same id and date that the same
 * configuration made for other applicant data.
 */
export async function keptAnswerCheck(args: ScoreArgs, run: RunManifest, decide?: DecideRecords): Promise<KeptAnswerCheck> {
  const keys: AuditKeys = await readSealKeys(args['signing-key-file'], []);
  const configuration: RunConfiguration = runConfigurationOf(run);
  const attributes = await csvAttributesOf(args.format, args.features);
  return {
    decisionFault(decision) {
      const faults = configurationFaults(decision, configuration);
      if (faults.length > 0) return `not made by this run's configuration: ${faults.join('; ')}`;
      const audit = (decision as { audit: { contentHash?: unknown } }).audit;
      if (typeof audit.contentHash !== 'string') return 'it carries no seal (audit.contentHash)';
      // The seal is computed over the value as read: JSON written by score reads back as it was sealed.
      const problems = checkSeal(decision as Decision, keys).problems;
      return problems.length === 0
        ? undefined
        : `its seal does not hold (${problems.map((p) => p.path.join('.')).join(', ')}): changed after it was made, or signed under another key`;
    },
    decisionIdentity(decision) {
      const d = decision as { applicantId?: unknown; asOf?: unknown };
      return identity(d.applicantId, d.asOf);
    },
    recordIdentity(record) {
      if (!record.ok || typeof record.value !== 'object' || record.value === null) return undefined;
      const a = record.value as { id?: unknown; asOf?: unknown };
      return identity(a.id, a.asOf);
    },
    inputRecords() {
      const reading = openInputRecords(args.input, { format: args.format, maxRecordLines: args.maxRecordLines, attributes });
      return { records: reading.records, path: args.input, bytesRead: reading.bytesRead, close: reading.close };
    },
    ...(decide === undefined
      ? {}
      : {
          // Deciding a record is deterministic: the error line this run gives it is the one to keep.
          errorLinesOf: async (records: readonly InputRecord[]) =>
            (await decideChunk(records, decide, undefined, 'check')).map((o) => ('error' in o ? formatOutputLine(o).slice(0, -1) : undefined)),
        }),
  };
}

/** SHA-256 of the id and the date, each as JSON (so a missing one differs from any string), cut to 64 bits. */
function identity(id: unknown, asOf: unknown): readonly [number, number] {
  return digest64(`${JSON.stringify(id) ?? 'undefined'}\u0000${JSON.stringify(asOf) ?? 'undefined'}`);
}
