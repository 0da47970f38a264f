import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StreamOptions, StreamResult } from './streamDecisions.js';

/** Runs {@link streamDecisions} in a fresh Node process (same flags as this one, so tsx applies) and returns its result. */
export function runStreamInChild(options: StreamOptions): Promise<StreamResult> {
  const script = fileURLToPath(new URL('./streamMain.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...process.execArgv, script, JSON.stringify(options)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`decision stream failed: ${stderr || error.message}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(last) as StreamResult);
    });
  });
}
