// The library stream (streamBuiltMain.mjs) with V8 flags set at run time, as a service would set
// them at start-up (`v8.setFlagsFromString`), not on node's command line; prints the stream's line,
// then the process's CPU time on stderr.
// `RT_FLAGS='--heap-growing-percent=100' node bench/stream/streamWithRuntimeFlags.mjs '{"modelPath":"models/default/model.onnx","total":60000,"batchSize":256,"suggestionsPerDecision":0}'`
import { setFlagsFromString } from 'node:v8';

const flags = (process.env.RT_FLAGS ?? '').split(' ').filter(Boolean);
for (const flag of flags) setFlagsFromString(flag);
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`cpu ${((u.user + u.system) / 1e6).toFixed(1)} s, flags: ${flags.join(' ') || 'none'}\n`);
});
await import('./streamBuiltMain.mjs');
