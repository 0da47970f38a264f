import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFlagName } from './nodeFlagName.js';

/** A file a pool's worker process reads as it starts, with what it is to the worker (for a refusal naming it). */
export interface WorkerReadFile {
  readonly path: string;
  readonly what: string;
}

/** How a worker is started: its script, every flag it gets on node's command line, and the lender's features module. */
export interface WorkerStart {
  readonly script: string;
  readonly execArgv: readonly string[];
  readonly featuresModule?: string | undefined;
}

/**
 * The files every worker of a pool certainly reads before it can score, resolved here as the worker
 * resolves them (same cwd: a worker is forked without one of its own): each module its flags preload
 * by absolute path or file URL (the pool's workerParentWatch.cjs, tsx's loader from source), its
 * script and the modules the script imports by relative path (the build's chunks beside it), the
 * features module, and onnxruntime-node: its entry module, its native binary and onnxruntime-common,
 * which it requires (under `--allow-fs-read` covering onnxruntime-node alone the worker stopped on
 * onnxruntime-common's index.js). Not the model: the pool reads it once and sends the bytes.
 * Not listed, since which file is read is not certain here: a preload named by package or relative
 * specifier, the package's other dependencies (zod), package.json files read for module resolution.
 */
export function workerReadFiles(worker: WorkerStart): WorkerReadFile[] {
  const files: WorkerReadFile[] = [];
  for (const path of absolutePreloads(worker.execArgv)) files.push({ path, what: 'the module the worker preloads' });
  files.push({ path: worker.script, what: "the worker's script" });
  for (const path of relativeImports(worker.script)) files.push({ path, what: "a module the worker's script imports" });
  if (worker.featuresModule !== undefined) files.push({ path: resolve(worker.featuresModule), what: 'the features module (featuresModule)' });
  files.push(...onnxruntimeFiles(worker.script));
  return files;
}

const PRELOADING = new Set(['--require', '-r', '--import', '--loader', '--experimental-loader']);

function absolutePreloads(argv: readonly string[]): string[] {
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = nodeFlagName(arg);
    if (!PRELOADING.has(name)) continue;
    const value = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    if (value === undefined) continue;
    if (value.startsWith('file:')) paths.push(fileURLToPath(value));
    else if (isAbsolute(value)) paths.push(value);
  }
  return paths;
}

// `from "./chunk-X.js"`, `import "./x.js"`, `import("./x.js")`, `require("./x.cjs")`: only those that exist
// (a TypeScript source names its imports `.js` for files that are `.ts`, read through a loader).
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.\.?\/[^"'\n]+)["']/g;

function relativeImports(script: string): string[] {
  let text: string;
  try {
    text = readFileSync(script, 'utf8');
  } catch {
    return [];
  }
  const paths = new Set<string>();
  for (const match of text.matchAll(RELATIVE_IMPORT)) {
    const path = resolve(dirname(script), match[1]!);
    if (existsSync(path)) paths.add(path);
  }
  return [...paths];
}

function onnxruntimeFiles(script: string): WorkerReadFile[] {
  const files: WorkerReadFile[] = [];
  try {
    const main = createRequire(script).resolve('onnxruntime-node');
    files.push({ path: main, what: "onnxruntime-node's entry module" });
    const bin = join(dirname(main), '..', 'bin');
    for (const napi of existsSync(bin) ? readdirSync(bin) : []) {
      const binary = join(bin, napi, process.platform, process.arch, 'onnxruntime_binding.node');
      if (existsSync(binary)) files.push({ path: binary, what: "onnxruntime-node's native binary" });
    }
    files.push({ path: createRequire(main).resolve('onnxruntime-common'), what: "onnxruntime-common's entry module (onnxruntime-node requires it)" });
  } catch {
    // Not found from the worker's script: the worker fails to load it and says so itself.
  }
  return files;
}
