import { readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc times (USER_HZ); 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) used so far by other processes, in microseconds, read from
 * /proc/PID/stat. `process.cpuUsage()` counts this process only, so the pool's worker processes
 * are charged through this. A process that has exited counts 0; off Linux this returns NaN.
 */
export function cpuMicrosOf(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') continue;
      return Number.NaN;
    }
    // Fields after the parenthesised command name (which may hold spaces): utime is the 14th field
    // of the line, stime the 15th, i.e. the 12th and 13th after ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1e6) / TICKS_PER_SECOND;
}
