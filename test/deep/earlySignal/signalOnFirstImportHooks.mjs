// Module hooks of signalOnFirstImport.mjs (they run on Node's hooks thread): on the first module the
// entry file imports (node: built-ins aside), the process is sent the signal, before that module loads.
let entry;
let signal;
let sent = false;

export function initialize(data) {
  entry = data.entry;
  signal = data.signal;
}

export async function resolve(specifier, context, next) {
  if (!sent && context.parentURL === entry && !specifier.startsWith('node:')) {
    sent = true;
    process.kill(process.pid, signal);
  }
  return next(specifier, context);
}
