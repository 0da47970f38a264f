import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { buildApiReports } from '../../scripts/apiReport.js';

// Building the reports takes a whole compiler program of the entry points (about 830 files: 8-11 s
// of CPU, the heaviest in-process file of npm test on the 2-core machine, 2026-12-02), while
// between two runs the sources it reads have mostly not changed. The reports are a function of the
// text of the files the compiler read, of the script that describes them and of the compiler, so
// they are kept beside the type check's cache (node_modules/.cache, gone with `npm ci`, never
// committed) with a digest of each, and reused only while every one is byte for byte the same: any
// change, a fresh clone, or a cache that cannot be read builds them again.

const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'creditlift');
// node_modules may be shared by worktrees: one cache file per checkout, so they do not evict each other.
export const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const cacheFile = join(cacheDir, `apiReports-${digest(root).slice(0, 16)}.json`);

/** A build kept in the cache. */
export interface Cached {
  readonly setting: string;
  /** Every file the compiler read, with the digest of its text. */
  readonly read: readonly (readonly [string, string])[];
  readonly reports: readonly (readonly [string, string])[];
}

/** What the reports depend on beside the files the compiler reads: the compiler, its options, the describing script, the installed packages. */
function setting(): string {
  const text = (path: string) => readFileSync(join(root, path), 'utf8');
  return digest(JSON.stringify([ts.version, text('scripts/apiReport.ts'), text('tsconfig.json'), text('package.json'), text('package-lock.json')]));
}

/** Whether a kept build still holds: the same setting, and every file it read there with the same text. */
export function stillCurrent(cached: Cached, now: string): boolean {
  if (cached.setting !== now) return false;
  for (const [file, sum] of cached.read) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return false;
    }
    if (digest(text) !== sum) return false;
  }
  return true;
}

/** The reports of buildApiReports, reused from the last build while no file it read has changed. */
export function cachedApiReports(): Map<string, string> {
  const now = setting();
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Cached;
    if (stillCurrent(cached, now)) return new Map(cached.reports);
  } catch {}
  const read = new Map<string, string>();
  const reports = buildApiReports((file, text) => read.set(file, digest(text)));
  const fresh: Cached = { setting: now, read: [...read], reports: [...reports] };
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Written whole, then renamed: a run reading it at the same time sees the old file or the new.
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(fresh));
    renameSync(partial, cacheFile);
  } catch {}
  return reports;
}
