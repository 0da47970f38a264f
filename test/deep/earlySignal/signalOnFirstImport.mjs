// Preloaded (`node --import tsx --import ./signalOnFirstImport.mjs ENTRY ...`) by earlySignal.test.ts:
// sends the process the signal named by $CREDITLIFT_TEST_EARLY_SIGNAL the moment its entry file first
// imports a module, i.e. while the command line is still loading. Deterministic: no timer involved.
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const signal = process.env.CREDITLIFT_TEST_EARLY_SIGNAL;
if (signal !== undefined && process.argv[1] !== undefined)
  register('./signalOnFirstImportHooks.mjs', import.meta.url, { data: { entry: pathToFileURL(resolve(process.argv[1])).href, signal } });
