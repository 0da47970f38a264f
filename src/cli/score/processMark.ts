import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

let mark: string | undefined;

/**
 * What tells this process from an earlier one that had its pid, recorded in every lock it takes:
 * a lock naming this process's pid without this mark was left by another process. In a container
 * the run is pid 1, and so is a `--resume` after a kill -9 (a fresh pid namespace), so the pid
 * alone took the dead run's lock for a live one.
 *
 * On Linux the process's start time (clock ticks since boot, field 22 of `/proc/self/stat`): one
 * value for all its threads, and a process with a pid reused differs in it. Elsewhere (or without
 * `/proc`) a random token kept on `globalThis`, so the ESM and CJS copies of this module in one
 * process agree.
 */
export function processMark(): string {
  mark ??= startTimeMark() ?? tokenMark();
  return mark;
}

function startTimeMark(): string | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces or parentheses.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start !== undefined && /^\d+$/.test(start) ? `start ${start}` : undefined;
  } catch {
    return undefined;
  }
}

const TOKEN = Symbol.for('creditlift.processMark');

function tokenMark(): string {
  const holder = globalThis as { [TOKEN]?: string };
  holder[TOKEN] ??= `token ${randomUUID()}`;
  return holder[TOKEN];
}
