import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createScorer, type Scorer, type ScorerOptions } from '../decision/createScorer.js';
import { CreditliftError } from '../errors/creditliftError.js';

/** The `--model` and `--policy` values of a command line. */
export interface ScorerArgs {
  readonly model?: string | undefined;
  readonly policy?: string | undefined;
  /** `--model-sha256`: the model's expected SHA-256 (`expectedSha256`). */
  readonly 'model-sha256'?: string | undefined;
}

/** Creates the scorer a command asked for with `--model` and `--policy`. */
export async function openScorer(values: ScorerArgs, extra: ScorerOptions = {}): Promise<Scorer> {
  return createScorer(await scorerOptionsFrom(values, extra));
}

/**
 * Scorer options from `--model` (a directory means DIR/model.onnx) and `--policy` (JSON read
 * here). Plain data (a path and parsed JSON), so they can also be sent to worker processes.
 */
export async function scorerOptionsFrom(values: ScorerArgs, extra: ScorerOptions = {}): Promise<ScorerOptions> {
  const options: { -readonly [K in keyof ScorerOptions]: ScorerOptions[K] } = { ...extra };
  if (values.model !== undefined) options.model = isDirectory(values.model) ? join(values.model, 'model.onnx') : values.model;
  if (values['model-sha256'] !== undefined) options.expectedSha256 = values['model-sha256'];
  if (values.policy !== undefined) {
    const text = await readFile(values.policy, 'utf8');
    try {
      options.policy = JSON.parse(text) as ScorerOptions['policy'] & object;
    } catch (e) {
      throw new CreditliftError('policy_invalid', `${values.policy} is not valid JSON: ${(e as Error).message}`);
    }
  }
  return options;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
