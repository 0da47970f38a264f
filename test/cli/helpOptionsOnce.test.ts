// `creditlift score --help` listed --queue-password-file twice (under Options, for --resume and
// --overwrite of a --queue run's output, and again under Distributed, for --queue) and --batch twice
// (records per runtime call; records per chunk): a reader found two entries for one option and could
// not tell which held. Every command's help now lists each option once.
import { describe, expect, it } from 'vitest';
import { main, mainUsage } from '../../src/cli/main.js';
import { captureIo } from './fakeDecider.js';

/** The commands `creditlift --help` lists, and the subcommands with a help of their own. */
function commandsWithHelp(): string[][] {
  const listed = [...mainUsage().matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => [m[1]!]);
  return [...listed, ['model', 'import'], ['model', 'card']];
}

/**
 * The options a help text lists as entries: a line that starts, two to six spaces in, with an option
 * (`  --batch N`, `  -h, --help`, a subcommand's `      --service`). A description's continuation
 * (indented past the option column) that starts with an option's name is no entry.
 */
function listedOptions(help: string): string[] {
  return [...help.matchAll(/^ {2,6}(?:-[a-zA-Z], )?(--[a-z0-9][a-z0-9-]*)/gm)].map((m) => m[1]!);
}

describe('every command help lists each option once', () => {
  it('finds the commands and their options (the check below reads something)', async () => {
    const commands = commandsWithHelp().map((c) => c.join(' '));
    expect(commands).toEqual(expect.arrayContaining(['score', 'worker', 'simulate', 'monitor', 'train', 'model import']));
    expect(commands.length).toBeGreaterThanOrEqual(18);
    const score = captureIo();
    await main(['score', '--help'], score.io);
    expect(listedOptions(score.out())).toEqual(expect.arrayContaining(['--in', '--resume', '--queue', '--queue-password-file', '--batch', '--help']));
    // --errors starts a continuation line of --resume's entry and is listed once, as its own entry.
    expect(listedOptions(score.out()).filter((o) => o === '--errors')).toHaveLength(1);
    // And a repeat would be caught.
    expect(listedOptions('  --batch N  a\n  --batch N  b\n')).toEqual(['--batch', '--batch']);
  });

  it.each(commandsWithHelp().map((c) => [c.join(' '), c]))('creditlift %s --help', async (_, command) => {
    const c = captureIo();
    expect(await main([...command, '--help'], c.io)).toBe(0);
    const options = listedOptions(c.out());
    expect(options.length).toBeGreaterThan(0);
    const repeated = options.filter((o, i) => options.indexOf(o) !== i);
    expect(repeated, c.out()).toEqual([]);
  });
});
