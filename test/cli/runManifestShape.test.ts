// A run manifest (OUT.run.json) was read as `JSON.parse(text) as RunManifest`, checking `kind` only:
// a manifest cut short was a bare SyntaxError, and one with a field missing or of another type
// (hand-edited, another tool's) reached the code that trusts it: `score --resume` of a manifest
// without `input` ended "error [internal_error]: Cannot read properties of undefined (reading
// 'sha256')", and one whose `status.undecided.lines` was a number resumed on it. Now the manifest's
// shape is checked on read, against every shape a creditlift ever wrote: anything else is one
// RunManifestInvalidError naming the file and every field at fault.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runConfigurationOf } from '../../src/cli/score/runConfiguration.js';
import { readRunManifest, resumeMismatches, type RunManifest } from '../../src/cli/score/runManifest.js';
import { parseRunManifest } from '../../src/cli/score/parseRunManifest.js';
import { RunManifestInvalidError } from '../../src/cli/score/runManifestInvalidError.js';
import { runStatusWarnings } from '../../src/cli/score/runStatusWarnings.js';
import { resumedDecidingAgain } from '../../src/cli/scoreLineNumbers.js';
import { incompleteRunNote, manifestCountFaults } from '../../src/cli/verifyManifest.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-manifest-shape-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** The manifests real `score` runs wrote, by what they show. */
const written = new Map<string, Json>();

beforeAll(async () => {
  // The default model, signed, its rejected record apart: a finished run with keys and both files' digests.
  const book = [...exampleApplicants.slice(0, 3).map((e) => JSON.stringify(e.applicant)), JSON.stringify({ id: 'bad' })];
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  writeFileSync(file('signing.key'), 'a-lender-secret-of-at-least-32-bytes!\n');
  const real = ['--in', file('in.ndjson'), '--out', file('real.ndjson'), '--errors', file('real.err.ndjson'), '--suggestions', '0'];
  expect(await runScoreCommand([...real, '--signing-key-file', file('signing.key')], captureIo().io)).toBe(3);
  written.set('finished, signed, errors apart', readJson(file('real.ndjson.run.json')));

  // A run a worker failure left incomplete (undecided lines), and one whose errors went to a device.
  const fakeBook = Array.from({ length: 12 }, (_, i) => JSON.stringify(i === 4 ? { id: 4 } : { id: `r${i}`, asOf: FAKE_AS_OF }));
  writeFileSync(file('fake.ndjson'), `${fakeBook.join('\n')}\n`);
  const withDecider = (workerFailId?: string) => ({ openDecider: async () => fakeDecider(workerFailId === undefined ? {} : { workerFailId }) });
  expect(await runScoreCommand(['--in', file('fake.ndjson'), '--out', file('incomplete.ndjson'), '--batch', '4'], captureIo().io, withDecider('r7'))).toBe(4);
  written.set('incomplete (undecided lines)', readJson(file('incomplete.ndjson.run.json')));
  expect(await runScoreCommand(['--in', file('fake.ndjson'), '--out', file('device.ndjson'), '--errors', '/dev/null'], captureIo().io, withDecider())).toBe(3);
  written.set('errors to a device', readJson(file('device.ndjson.run.json')));
  // What a `--queue` producer adds (a Redis to run one is a deep test's): its job, null workers, its workers by name.
  const finished = written.get('finished, signed, errors apart') as { [key: string]: Json };
  const status = finished.status as { [key: string]: Json };
  written.set('a --queue run under way', {
    ...finished,
    options: { ...(finished.options as { [key: string]: Json }), workers: null },
    queue: { url: 'redis://127.0.0.1:6379/0', job: 'nightly', ttlSeconds: 600, runId: '0123456789ab' },
    status: { ...status, decidedBy: { mode: 'queue', job: 'nightly', workers: { 'host-a:4242': 2, 'host-b:77': 1 } } },
  });
}, 120_000);

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

/** A deep copy of `v` with `edit` applied to the value at `path` (or to its parent, for `delete`). */
function edited(v: Json, path: Path, edit: { readonly delete: true } | { readonly set: Json }): Json {
  const copy = structuredClone(v);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if ('delete' in edit) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = edit.set;
  return copy;
}

/** Every path to a value inside `v`: each object key and array index, at every depth. */
function pathsOf(v: Json, at: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...at, k], ...pathsOf(x, [...at, k])]);
}

const bytes = (v: Json) => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);
const dotted = (p: readonly (string | number)[]) => p.join('.');

/** What parsing `v` as the manifest at `where` gave: the manifest, or the typed error (anything else is thrown on). */
function parsed(v: Json | Uint8Array, where = 'out/o.ndjson.run.json'): { ok: true; manifest: RunManifest } | { ok: false; error: RunManifestInvalidError } {
  try {
    return { ok: true, manifest: parseRunManifest(v instanceof Uint8Array ? v : bytes(v), where) };
  } catch (e) {
    if (e instanceof RunManifestInvalidError) return { ok: false, error: e };
    throw e;
  }
}

function refusal(v: Json | Uint8Array, where?: string): RunManifestInvalidError {
  const r = parsed(v, where);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(v).slice(0, 400)}`);
  return r.error;
}

/**
 * The shapes earlier creditlift versions wrote (git history of runManifest.ts, runStatus.ts and
 * writtenFiles.ts), each rebuilt from a manifest of today by taking out what was added after it.
 */
function earlierShapes(now: { [key: string]: Json }): [string, Json][] {
  const { keys: _k, features: _f, engineVersion: _e, catalogHash: _c, queue: _q, status, ...first } = now;
  const options = now.options as { [key: string]: Json };
  const s = status as { [key: string]: Json };
  const { files: _files, lastInputLine: _l, lineOrder: _o, errorsLineOrder: _eo, ...statusBeforeFiles } = s;
  const { foreignAnswersRemoved: _fa, ...eventsBefore } = s.events as { [key: string]: Json };
  const keys = { signing: null, personalData: null };
  const features = { path: '/lender/features.ts', size: 812, sha256: 'c'.repeat(64) };
  return [
    // 012118b: input, format, model, policy and options only; workers a number.
    ['012118b (the first manifest)', { ...first, options: { ...options, workers: 1 } }],
    // b2260ca: the keys' fingerprints; 05f11ae: the --features module; 5e06ad6: the engine version.
    ['b2260ca (+keys)', { ...first, options: { ...options, workers: 2 }, keys: { signing: 'a'.repeat(32), personalData: null } }],
    ['05f11ae (+features)', { ...first, keys, features }],
    ['5e06ad6 (+engineVersion)', { ...first, keys, features: null, engineVersion: '0.1.0' }],
    // dae0df7: the --queue job, without a run id until 2362f51.
    ['dae0df7 (+queue, no runId)', { ...first, keys, features: null, engineVersion: '0.1.0', queue: { url: 'redis://h:6379/0', job: 'j', ttlSeconds: 600 } }],
    // 8a52f12..9e40c25: an in-process run's model listed its unseen categories too.
    [
      '8a52f12 (model.unseenCategories)',
      {
        ...first,
        model: { ...(first.model as { [key: string]: Json }), unseenCategories: [{ feature: 'industry', category: 'mining' }] },
        keys,
        features: null,
      },
    ],
    ['4ab2ba0 (+catalogHash)', { ...first, keys, features: null, engineVersion: '0.1.0', catalogHash: 'd'.repeat(64) }],
    // 6a04035: the status, without files (7514516), foreignAnswersRemoved (d702998) or lastInputLine (08b62d8).
    ['6a04035 (+status)', { ...first, keys, features: null, engineVersion: '0.1.0', status: { ...statusBeforeFiles, events: eventsBefore } }],
    ['7514516 (+status.files)', { ...first, keys, features: null, status: { ...statusBeforeFiles, events: eventsBefore, files: s.files ?? null } }],
    // F44: the order of the output's lines; before it, a resumed run's status recorded none.
    ['F44 (before status.lineOrder, resumed)', { ...now, status: { ...statusBeforeFiles, runs: 2, files: s.files ?? null } }],
    // F56: one order for both files, before the errors file's was recorded apart (errorsLineOrder).
    ['F56 (before status.errorsLineOrder)', { ...now, status: { ...statusBeforeFiles, lineOrder: 'input', files: s.files ?? null } }],
    // d3ea6a3: the --features module's local imports.
    ['d3ea6a3 (+features.imports)', { ...now, features: { ...features, imports: ['helpers/tenure.ts'] } }],
  ];
}

/** Fields a manifest may lack: added after the first manifest, or recorded only sometimes. */
const OPTIONAL = new Set([
  'catalogHash',
  'engineVersion',
  'keys',
  'features',
  'features.imports',
  'model.unseenCategories',
  'queue',
  'queue.runId',
  'status',
  'status.exitCode',
  'status.reason',
  'status.decisions',
  'status.rejected',
  'status.workerFailed',
  'status.undecided',
  'status.undecided.moreRanges',
  'status.undecided.afterLine',
  'status.lastInputLine',
  'status.lineOrder',
  'status.errorsLineOrder',
  'status.files',
  'status.files.errors',
  // A run a signal stopped before it read its files back records their sizes alone.
  'status.files.output.sha256',
  'status.files.errors.sha256',
  'status.events.foreignAnswersRemoved',
]);
/** Whether deleting the value at `p` leaves a manifest as some creditlift wrote it: an optional field, an array element, a worker's count. */
const deletable = (p: Path) =>
  OPTIONAL.has(p.filter((k) => typeof k === 'string').join('.')) ||
  typeof p[p.length - 1] === 'number' ||
  dotted(p.slice(0, -1)) === 'status.decidedBy.workers';

/**
 * Everything that reads a manifest past `readRunManifest`: an accepted manifest must not make any of
 * them throw (a TypeError deep in the code is what the check is there to prevent).
 */
function useEverywhere(m: RunManifest): void {
  const now = parsed(written.get('finished, signed, errors apart')!);
  if (!now.ok) throw now.error;
  resumeMismatches(m, now.manifest as Parameters<typeof resumeMismatches>[1]);
  runConfigurationOf(m);
  runStatusWarnings('out.ndjson', m);
  incompleteRunNote(m);
  resumedDecidingAgain(m);
  manifestCountFaults(m, { kind: 'output' }, { decisions: 3, errorLines: 1 });
  manifestCountFaults(m, { kind: 'errors' }, { decisions: 0, errorLines: 1 });
}

describe('run manifests: the shape is checked on read', () => {
  it('every manifest a real score run writes is read back exactly as written', async () => {
    expect(written.size).toBe(4);
    for (const [what, m] of written) {
      const r = parsed(m);
      expect(r.ok, what).toBe(true);
      if (r.ok) expect(r.manifest, what).toEqual(m);
    }
    expect(await readRunManifest(file('real.ndjson.run.json'))).toEqual(written.get('finished, signed, errors apart'));
    expect(await readRunManifest(file('none.run.json'))).toBeUndefined();
  });

  it('every shape an earlier creditlift wrote is accepted, unchanged, and nothing that reads it throws', () => {
    for (const now of written.values()) {
      for (const [what, m] of earlierShapes(now as { [key: string]: Json })) {
        const r = parsed(m);
        if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
        expect(r.manifest, what).toEqual(m);
        useEverywhere(r.manifest);
      }
    }
  });

  it('field by field: a field taken out is refused naming it unless a creditlift left it out; any field of another type is refused naming it', () => {
    const where = join('runs', 'out.ndjson.run.json');
    for (const [what, m] of written) {
      for (const p of pathsOf(m)) {
        const without = edited(m, p, { delete: true });
        if (deletable(p)) {
          const r = parsed(without);
          if (!r.ok) throw new Error(`${what}: without ${dotted(p)}: ${r.error.message}`);
          useEverywhere(r.manifest);
        } else {
          const e = refusal(without, where);
          expect(
            e.issues.map((i) => i.path),
            `${what}: without ${dotted(p)}`,
          ).toEqual([p]);
          expect(e.message).toContain(where);
          expect(e.message).toContain(`${dotted(p)}: missing`);
        }
        // No field of a manifest is ever a boolean: each is refused by name.
        const e = refusal(edited(m, p, { set: true }), where);
        expect(
          e.issues.map((i) => i.path),
          `${what}: ${dotted(p)} true`,
        ).toEqual([p]);
        expect(e.message).toMatch(new RegExp(`${dotted(p).replace(/\./g, '\\.')}: expected .+, received true`));
      }
    }
  });

  it('a field no creditlift writes is refused by name, at any depth: a misspelt optional field would otherwise read as absent', () => {
    const m = written.get('a --queue run under way')!;
    const objects = [[], ...pathsOf(m)].filter((p) => {
      let v: Json = m;
      for (const k of p) v = (v as Record<string | number, Json>)[k] as Json;
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    expect(objects.length).toBeGreaterThan(10);
    for (const p of objects) {
      const e = refusal(edited(m, [...p, 'catalogHsh'], { set: 'x' }));
      expect(e.issues.map((i) => i.path)).toEqual([[...p, 'catalogHsh']]);
      expect(e.issues[0]?.code).toBe(dotted(p) === 'status.decidedBy.workers' ? 'invalid_type' : 'unrecognized_key');
    }
  });

  it('one error names every field at fault, the manifest and what was expected', () => {
    const m = written.get('incomplete (undecided lines)') as { [key: string]: Json };
    const broken = edited(
      edited(edited(edited(m, ['input', 'sha256'], { set: 'not-a-hash' }), ['options'], { delete: true }), ['status', 'undecided', 'lines', 0, 'first'], {
        set: -1,
      }),
      ['format'],
      { set: 'xlsx' },
    );
    const e = refusal(broken, 'out/o.ndjson.run.json');
    expect(e).toBeInstanceOf(RunManifestInvalidError);
    expect(e.path).toBe('out/o.ndjson.run.json');
    expect(e.code).toBe('EMANIFEST');
    expect(e.issues.map((i) => dotted(i.path)).sort()).toEqual(['format', 'input.sha256', 'options', 'status.undecided.lines.0.first']);
    expect(e.message).toMatch(/^the run manifest out\/o\.ndjson\.run\.json is not one creditlift score writes \(4 problems\): /);
    expect(e.message).toContain('input.sha256: expected a SHA-256 (64 hex digits)');
    expect(e.message).toContain('options: missing: expected an object');
    expect(e.message).toContain('format: expected "csv" or "ndjson", received "xlsx"');
    expect(e.message).toMatch(/status\.undecided\.lines\.0\.first: expected an input line number \(a whole number, 1 or more\), received -1/);
    // A range whose end comes before its start is none a run records.
    const inverted = edited(m, ['status', 'undecided', 'lines', 0], { set: { first: 9, last: 3 } });
    expect(refusal(inverted).issues.map((i) => dotted(i.path))).toEqual(['status.undecided.lines.0.last']);
  });

  it('another kind of file is said to be one, without a list of every field it lacks', () => {
    for (const other of [{ format: 'creditlift.manifest/1', features: [] }, [1, 2], 'text', 7, null, { kind: 'creditlift-decision' }]) {
      const e = refusal(other as Json, 'm.json');
      expect(e.issues.map((i) => i.path)).toEqual([['kind']]);
      expect(e.message).toMatch(/^the run manifest m\.json is not one creditlift score writes \(1 problem\): kind: .*expected "creditlift-score-run"/);
    }
    // A later manifest version is not guessed at.
    const later = edited(written.get('finished, signed, errors apart')!, ['version'], { set: 2 });
    expect(refusal(later).message).toContain('version: expected 1, received 2');
  });

  it('text that is not a whole JSON manifest is refused naming the file and where: line and column', () => {
    const text = readFileSync(file('real.ndjson.run.json'), 'utf8');
    const lines = text.split('\n');
    const e = refusal(new TextEncoder().encode(text.slice(0, text.indexOf('"policyHash"') + 5)), 'o.run.json');
    expect(e.issues).toEqual([expect.objectContaining({ path: [], code: 'invalid_json' })]);
    const lastLine = text.slice(0, text.indexOf('"policyHash"') + 5).split('\n').length;
    expect(e.message).toMatch(
      new RegExp(`^the run manifest o\\.run\\.json is not JSON: it ends at line ${lastLine}, column \\d+ before the JSON does \\(cut short\\?\\)`),
    );
    const bad = [...lines.slice(0, 3), '  oops', ...lines.slice(3)].join('\n');
    expect(refusal(new TextEncoder().encode(bad), 'o.run.json').message).toMatch(
      /^the run manifest o\.run\.json is not JSON: unexpected text at line 4, column 3/,
    );
    expect(refusal(new Uint8Array(), 'o.run.json').message).toMatch(/^the run manifest o\.run\.json is not JSON: it is empty/);
    // Not UTF-8: a replaced byte would change a path or a hash without a word.
    const latin1 = new Uint8Array([...new TextEncoder().encode(text.slice(0, 20)), 0xe9, ...new TextEncoder().encode(text.slice(20))]);
    expect(refusal(latin1, 'o.run.json').issues).toEqual([expect.objectContaining({ code: 'invalid_utf8' })]);
    // A key written twice: JSON.parse would keep the last one without a word.
    const twice = text.replace('"policyHash":', '"policyHash": "0", "policyHash":');
    expect(refusal(new TextEncoder().encode(twice), 'o.run.json').issues).toEqual([expect.objectContaining({ path: ['policyHash'], code: 'duplicate_key' })]);
  });

  it('law: a manifest with fields deleted or of another type is accepted as it is, every reader working, or refused naming a field changed, never a TypeError', () => {
    const bases = [...written.values()].flatMap((m) => [m, ...earlierShapes(m as { [key: string]: Json }).map(([, v]) => v)]);
    const replacement = fc.constantFrom<Json>(true, 'text', 7, -1, 1.5, null, [], {}, [{}], { first: 1 });
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('delete', 'set'), value: replacement });
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (b, edits) => {
        let m = bases[b] as Json;
        const changed: Path[] = [];
        for (const e of edits) {
          const paths = pathsOf(m);
          if (paths.length === 0) break;
          const p = paths[e.at % paths.length] as Path;
          m = edited(m, p, e.kind === 'delete' ? { delete: true } : { set: e.value });
          changed.push(p);
        }
        const r = parsed(m);
        if (r.ok) {
          // Accepted as it is: nothing dropped, nothing coerced.
          expect(r.manifest).toEqual(m);
          useEverywhere(r.manifest);
          return;
        }
        // Each field named is one changed, one inside a value changed, or the parent of one deleted (an array shortened).
        const near = (i: Path) => changed.some((c) => dotted(i).startsWith(dotted(c)) || dotted(c).startsWith(dotted(i)));
        for (const i of r.error.issues)
          expect(near(i.path as Path) || dotted(i.path as Path) === 'kind', `${dotted(i.path as Path)} of ${changed.map(dotted)}`).toBe(true);
        expect(r.error.issues.length).toBeGreaterThan(0);
        for (const i of r.error.issues) expect(r.error.message).toContain(dotted(i.path as Path) || '(root)');
      }),
      { numRuns: 400 },
    );
  });
});
