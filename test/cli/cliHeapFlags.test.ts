import { describe, expect, it } from 'vitest';
import { CLI_HEAP_FLAG, cliHeapFlags } from '../../src/cli/cliHeapFlags.js';

describe('cliHeapFlags: the command line bounds its heap growth unless the user chose their own heap options', () => {
  it('sets the growth flag for a process started with no heap options', () => {
    expect(cliHeapFlags([], undefined)).toEqual([CLI_HEAP_FLAG]);
    expect(cliHeapFlags(['--enable-source-maps'], '--max-semi-space-size=2 --trace-warnings')).toEqual([CLI_HEAP_FLAG]);
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
  ])('leaves the heap alone given execArgv %j and NODE_OPTIONS %j', (execArgv, nodeOptions) => {
    expect(cliHeapFlags(execArgv, nodeOptions)).toEqual([]);
  });

  it('is not fooled by a flag that only starts like a heap option', () => {
    expect(cliHeapFlags(['--max-old-space-size-x=1'], '--heap-growing-percentage=9')).toEqual([CLI_HEAP_FLAG]);
  });
});
