import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError, formatPath, type ValidationIssue } from '../errors/validationError.js';
import { typeScriptLoaderHint, type FeaturesModuleLoader } from './typeScriptLoaderHint.js';

/**
 * What is wrong with a lender's features module (a pool's `featuresModule`, the command line's
 * `--features`), checked before anything uses it (for a pool, in the calling process before any
 * worker starts): no file at the path, a module that fails to load (it throws, or `defineFeatureSet`
 * refuses its declarations), or one whose default export (or `features` export, as the workers
 * read it) is not a `defineFeatureSet(...)` result. Every issue has the path `option` (default
 * `featuresModule`) and names the module's absolute path. Empty when the module serves. A
 * TypeScript module Node cannot load says how to let it where it is loaded (`loader`, default this
 * process; see typeScriptLoaderHint).
 *
 * The workers imported the module themselves and failed there: a missing file came back as an
 * `internal_error` (ENOENT) and a module without a feature set as an error about `features`,
 * neither naming the option, after every worker had been started (and some restarted).
 */
export async function featuresModuleIssues(path: string, option = 'featuresModule', loader: FeaturesModuleLoader = 'process'): Promise<ValidationIssue[]> {
  const absolute = resolve(path);
  const issue = (code: ValidationIssue['code'], message: string): ValidationIssue[] => [{ path: [option], code, message: `${absolute}: ${message}` }];
  const file = await stat(absolute).catch(() => undefined);
  if (file === undefined) return issue('unreadable_input', 'no file at this path: featuresModule must be the path of an ES module');
  if (!file.isFile()) return issue('unreadable_input', 'not a file: featuresModule must be the path of an ES module');
  let mod: { default?: unknown; features?: unknown };
  try {
    mod = (await import(pathToFileURL(absolute).href)) as typeof mod;
  } catch (e) {
    // Most often defineFeatureSet refusing the lender's declarations as the module loads: each of its issues, by name.
    if (e instanceof ValidationError)
      return e.issues.map((i) => ({
        path: [option],
        code: i.code,
        message: `${absolute}: its feature set is invalid: ${formatPath(i.path)}: ${i.message}`,
      }));
    const hint = typeScriptLoaderHint(e, loader);
    return issue('unreadable_input', `the module failed to load: ${e instanceof Error ? e.message : String(e)}${hint === undefined ? '' : `: ${hint}`}`);
  }
  // The same export the workers read (loadFeatureSetModule): the default, else `features`.
  const set = mod.default ?? mod.features;
  if (set === undefined) {
    const names = Object.keys(mod);
    const has = names.length === 0 ? 'nothing' : names.map((n) => `"${n}"`).join(', ');
    return issue('invalid_type', `exports no feature set (it exports ${has}): export a defineFeatureSet(...) result as its default export or as "features"`);
  }
  if (Array.isArray(set))
    return issue('invalid_type', 'exports an array, not a feature set: export defineFeatureSet({ features: [...] }) (as its default export or as "features")');
  const wrong = featureSetShapeProblem(set);
  if (wrong !== undefined)
    return issue('invalid_type', `its export is not a defineFeatureSet(...) result (${wrong}): export defineFeatureSet({ features: [...] })`);
  return [];
}

/** Why a value is not what `defineFeatureSet` returns (definitions, byName, attributes), or undefined when it is. */
function featureSetShapeProblem(set: unknown): string | undefined {
  if (typeof set !== 'object' || set === null) return `it is ${set === null ? 'null' : typeof set}`;
  const { definitions, byName, attributes } = set as { definitions?: unknown; byName?: unknown; attributes?: unknown };
  if (!Array.isArray(definitions)) return 'definitions is not an array of features';
  const bad = definitions.findIndex(
    (d) =>
      typeof d !== 'object' || d === null || typeof (d as { name?: unknown }).name !== 'string' || typeof (d as { compute?: unknown }).compute !== 'function',
  );
  if (bad >= 0) return `definitions[${bad}] is not a feature with a name and a compute function`;
  if (!(byName instanceof Map) || byName.size !== definitions.length || definitions.some((d) => byName.get((d as { name: string }).name) !== d))
    return 'byName is not a Map of its definitions by name';
  if (attributes !== undefined && typeof (attributes as { safeParse?: unknown } | null)?.safeParse !== 'function')
    return 'attributes is neither undefined nor a schema';
  return undefined;
}
