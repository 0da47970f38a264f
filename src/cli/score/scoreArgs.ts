import { fileIdentity } from './fileIdentity.js';
import { modelFilesRead } from '../modelFilesRead.js';
import { lockPathOf } from './outputLock.js';
import { runManifestPath } from './runManifest.js';
import { UsageError } from '../../commandLine/commandIo.js';
import { refuseOverwritingInputs } from '../refuseOverwritingInputs.js';
import { intOption } from '../../commandLine/intOption.js';
import type { ParsedCommandArgs } from '../../commandLine/parseCommandArgs.js';
import type { ScorerArgs } from '../openScorer.js';
import { SCORER_ARG_OPTIONS } from '../scorerArgs.js';
import { DEFAULT_MAX_RECORD_LINES } from './readCsvRecords.js';

/** The options of `creditlift score` in every mode (in process, worker pool, queue); `--queue` adds its own. */
export const SCORE_ARG_OPTIONS = {
  ...SCORER_ARG_OPTIONS,
  in: { type: 'string' },
  out: { type: 'string' },
  errors: { type: 'string' },
  format: { type: 'string' },
  resume: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  batch: { type: 'string' },
  workers: { type: 'string' },
  'json-summary': { type: 'boolean' },
  suggestions: { type: 'string' },
  'max-record-lines': { type: 'string' },
  // Without --queue too: a --resume or --overwrite removes the Redis keys of the --queue run it follows.
  'queue-password-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A parsed `score` command line. */
export interface ScoreArgs extends ScorerArgs {
  readonly input: string;
  readonly out: string;
  readonly errors: string;
  readonly format: 'csv' | 'ndjson';
  readonly resume: boolean;
  readonly overwrite: boolean;
  readonly chunkSize: number;
  readonly workers: number;
  readonly suggestions: number;
  readonly maxRecordLines: number;
  readonly jsonSummary: boolean;
  /** `--queue-password-file`: the Redis password of the queue, or of the --queue run a resume follows. */
  readonly queuePasswordFile?: string;
}

/**
 * Checks the options every `score` run shares and plans the run from them: files, input format,
 * chunking, output shaping. One reading for every mode, so `score` and `score --queue` can never
 * disagree on what a command line means. `required` adds a mode's own required options (checked
 * with --in and --out, so one message names every missing one).
 * @throws UsageError
 */
export function planScoreArgs({ values, positionals }: ParsedCommandArgs<typeof SCORE_ARG_OPTIONS>, required: readonly string[] = []): ScoreArgs {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const missing = ['in', 'out', ...required].filter((k) => (values as Readonly<Record<string, unknown>>)[k] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
  const input = values.in as string;
  const out = values.out as string;
  if (values.resume === true && values.overwrite === true) throw new UsageError('--resume and --overwrite contradict each other');
  // An errors file that is the output under another name is the output: one writer and one lock.
  const errors = values.errors === undefined || fileIdentity(values.errors) === fileIdentity(out) ? out : values.errors;
  // Every file the run writes, the manifest and locks beside them too, is refused as a file it reads
  // or as another of them (compared as the files they name: see fileIdentity): `--errors
  // OUT.run.json` decided every record, then failed on its own manifest. Every file it reads, a model
  // folder's own: `--model DIR --out DIR/model.onnx --overwrite` wrote over the model.
  refuseOverwritingInputs(
    [
      ['--out', out],
      ["--out's run manifest", runManifestPath(out)],
      ["--out's lock", lockPathOf(out)],
      ...(errors === out
        ? []
        : ([
            ['--errors', errors],
            ["--errors's lock", lockPathOf(errors)],
          ] as const)),
    ],
    [
      ['--in', input],
      ...modelFilesRead('--model', values.model),
      ...(['policy', 'features', 'catalog', 'signing-key-file', 'personal-data-key-file', 'queue-password-file'] as const).map(
        (k) => [`--${k}`, values[k]] as const,
      ),
    ],
  );
  const format = values.format ?? (/\.csv$/i.test(input) ? 'csv' : 'ndjson');
  if (format !== 'csv' && format !== 'ndjson') throw new UsageError(`--format must be ndjson or csv, got "${format}"`);
  // Every scorer option given, by the one list of them: a new scorer option reaches the run without
  // an edit here (a list written out by hand once dropped --signing-key-file).
  const scorer = Object.fromEntries(
    Object.keys(SCORER_ARG_OPTIONS).flatMap((k) => {
      const v = (values as Readonly<Record<string, unknown>>)[k];
      return v === undefined ? [] : [[k, v]];
    }),
  ) as ScorerArgs;
  return {
    ...scorer,
    input,
    out,
    errors,
    format,
    resume: values.resume === true,
    overwrite: values.overwrite === true,
    chunkSize: intOption(values.batch, 'batch', 256, 65_536),
    workers: intOption(values.workers, 'workers', 1, 256),
    suggestions: intOption(values.suggestions, 'suggestions', 3, 100, 0),
    maxRecordLines: intOption(values['max-record-lines'], 'max-record-lines', DEFAULT_MAX_RECORD_LINES, 1_000_000),
    jsonSummary: values['json-summary'] === true,
    ...(values['queue-password-file'] === undefined ? {} : { queuePasswordFile: values['queue-password-file'] }),
  };
}
