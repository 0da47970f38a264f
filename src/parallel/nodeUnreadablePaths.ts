import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';

/**
 * Which of `paths` a node started with `permissionFlags` (the permission model's flag and each
 * `--allow-fs-read`) may not read, as this node itself says (`process.permission.has('fs.read', path)`),
 * so its own reading of the flags holds: on node 20.20 each `--allow-fs-read` is one path (a comma is
 * part of it: `--allow-fs-read=/a,/b` covered neither), relative to the cwd, covering itself and what
 * lies under it, and `*` matches anything from there on; the flag may be given again for more paths.
 * A path is counted readable when it or its real path (through symlinks, as the module loader reads
 * it) is. The node is started in this process's cwd, as a pool's workers are, without this process's
 * `NODE_OPTIONS`. Undefined when node could not be asked (then nothing is refused on this account).
 */
export function nodeUnreadablePaths(permissionFlags: readonly string[], paths: readonly string[]): Promise<readonly string[] | undefined> {
  const key = `${process.cwd()}\0\0${permissionFlags.join('\0')}\0\0${paths.join('\0')}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = askNode(permissionFlags, paths);
    answers.set(key, answer);
  }
  return answer;
}

// The answer for the same flags, paths and cwd does not change while the process runs (about 60 ms a node).
const answers = new Map<string, Promise<readonly string[] | undefined>>();

function askNode(permissionFlags: readonly string[], paths: readonly string[]): Promise<readonly string[] | undefined> {
  const spellings = paths.map((path) => [path, realPath(path)]);
  const code = `const s=${JSON.stringify(spellings)};process.stdout.write(JSON.stringify(s.map((p)=>p.some((q)=>process.permission.has('fs.read',q)))))`;
  return new Promise((resolve) => {
    const { NODE_OPTIONS: _own, ...env } = process.env;
    const child = spawn(process.execPath, [...permissionFlags, '-e', code], { env, stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (code !== 0) return resolve(undefined);
      try {
        const readable = JSON.parse(stdout) as boolean[];
        resolve(paths.filter((_, i) => readable[i] === false));
      } catch {
        resolve(undefined);
      }
    });
  });
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
