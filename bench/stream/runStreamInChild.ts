import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StreamOptions, StreamResult } from './streamDecisions.js';

/**
 * Runs the decision stream in a fresh Node process and returns its result: from source
 * ({@link streamDecisions} under this process's flags, so tsx applies), or with `built` from the
 * built package under plain node, as a user runs it (streamBuiltMain.mjs; build first).
 */
export function runStreamInChild(options: StreamOptions, built = false): Promise<StreamResult> {
  const script = fileURLToPath(new URL(built ? './streamBuiltMain.mjs' : './streamMain.ts', import.meta.url));
  const flags = built ? [] : [...process.execArgv];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...flags, script, JSON.stringify(options)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`decision stream failed: ${stderr || error.message}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(last) as StreamResult);
    });
  });
}
