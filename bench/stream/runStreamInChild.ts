import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StreamOptions, StreamResult } from './streamResult.js';

/**
 * Runs the decision stream (streamBuiltMain.mjs) in a fresh plain-node process on the built
 * package, as a user runs it, and returns its result: the peak is that process's own, with neither
 * the harness nor a TypeScript loader in it. `nodeFlags` go to that node (e.g. a V8 memory option).
 */
export function runStreamInChild(options: StreamOptions, nodeFlags: readonly string[] = []): Promise<StreamResult> {
  const script = fileURLToPath(new URL('./streamBuiltMain.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeFlags, script, JSON.stringify(options)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`decision stream failed: ${stderr || error.message}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve({ ...(JSON.parse(last) as Omit<StreamResult, 'nodeFlags'>), nodeFlags });
    });
  });
}
