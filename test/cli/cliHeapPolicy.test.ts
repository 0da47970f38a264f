import { describe, expect, it } from 'vitest';
import { CLI_HEAP_FLAG, CLI_SEMI_SPACE_MIB, cliHeapPolicy } from '../../src/cli/cliHeapPolicy.js';

const YOUNG_FLAG = `--max-semi-space-size=${CLI_SEMI_SPACE_MIB}`;
const FULL = { processFlags: [CLI_HEAP_FLAG], semiSpaceMiB: CLI_SEMI_SPACE_MIB, workerFlags: [CLI_HEAP_FLAG, YOUNG_FLAG] };

describe('cliHeapPolicy: the command line bounds both generations of its heap unless the user chose that part themselves', () => {
  it('bounds the old generation\u2019s growth and the young generation\u2019s size for a process started with no heap options', () => {
    expect(cliHeapPolicy([], undefined)).toEqual(FULL);
    expect(cliHeapPolicy(['--enable-source-maps'], '--trace-warnings')).toEqual(FULL);
  });

  it.each([
    [['--max-old-space-size=1536'], undefined],
    [['--max_old_space_size=4096'], undefined],
    [['--heap-growing-percent=0'], undefined],
    [['--heap_growing_percent=50'], ''],
    // Node and V8 read `_` and `-` alike, a mix of both too: --heap_growing-percent=0 was missed, and overridden.
    [['--heap_growing-percent=0'], undefined],
    [[], '--max-old_space-size=800'],
    [[], '--max-old-space-size=1536'],
    [[], '--trace-warnings --max-old-space-size 800'],
  ])('leaves the old generation alone given execArgv %j and NODE_OPTIONS %j, and still bounds the young one', (execArgv, nodeOptions) => {
    expect(cliHeapPolicy(execArgv, nodeOptions)).toEqual({ processFlags: [], semiSpaceMiB: CLI_SEMI_SPACE_MIB, workerFlags: [YOUNG_FLAG] });
  });

  it.each([
    [['--max-semi-space-size=16'], undefined],
    [['--max_semi-space_size=2'], undefined],
    [['--min-semi-space-size=4'], undefined],
    [['--semi-space-growth-factor=1'], undefined],
    [[], '--max-semi-space-size=2 --trace-warnings'],
    [[], '--max-semi-space-size 2'],
  ])('leaves the young generation alone given execArgv %j and NODE_OPTIONS %j, and still bounds the old one', (execArgv, nodeOptions) => {
    expect(cliHeapPolicy(execArgv, nodeOptions)).toEqual({ processFlags: [CLI_HEAP_FLAG], workerFlags: [CLI_HEAP_FLAG] });
  });

  it('leaves the whole heap alone given both', () => {
    expect(cliHeapPolicy(['--max-old-space-size=1536'], '--max-semi-space-size=2')).toEqual({ processFlags: [], workerFlags: [] });
  });

  it('is not fooled by a flag that only starts like a heap option', () => {
    expect(cliHeapPolicy(['--max-old-space-size-x=1', '--max-semi-space-sizes=1'], '--heap-growing-percentage=9')).toEqual(FULL);
  });
});
