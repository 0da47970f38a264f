import { describe, expect, it } from 'vitest';
import { main, mainUsage } from '../../src/cli/main.js';
import { runCatalogCommand } from '../../src/cli/catalogCommand.js';
import { displayWidth, formatTable } from '../../src/cli/formatTable.js';
import { runSchemaCommand } from '../../src/cli/schemaCommand.js';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { applicantJsonSchema } from '../../src/schema/jsonSchema.js';
import { captureIo } from './fakeDecider.js';

const COMMANDS = ['demo', 'decide', 'suggest', 'score', 'report', 'verify', 'catalog', 'schema', 'train', 'predict'];

describe('creditlift dispatcher', () => {
  it('lists every command; no command is a usage error (2), --help is not (0)', async () => {
    for (const c of COMMANDS) expect(mainUsage()).toMatch(new RegExp(`^  ${c} `, 'm'));
    const none = captureIo();
    expect(await main([], none.io)).toBe(2);
    expect(none.out()).toContain('Usage: creditlift <command>');
    expect(await main(['--help'], captureIo().io)).toBe(0);
  });

  it('an unknown command (even one named like an Object property) exits 2 and says which', async () => {
    for (const name of ['frobnicate', 'toString', '__proto__', 'constructor']) {
      const c = captureIo();
      expect(await main([name], c.io), name).toBe(2);
      expect(c.err()).toContain(`unknown command "${name}"`);
    }
  });

  it('--help works on every command and exits 0', async () => {
    for (const c of COMMANDS) {
      const io = captureIo();
      expect(await main([c, '--help'], io.io), c).toBe(0);
      expect(io.out(), c).toMatch(new RegExp(`^Usage: creditlift ${c}`));
    }
  });

  it('--workers is described as what the code starts: worker processes (child processes), never threads', async () => {
    for (const c of ['score', 'worker', 'simulate']) {
      const io = captureIo();
      expect(await main([c, '--help'], io.io), c).toBe(0);
      const workers = io.out().slice(io.out().indexOf('--workers'));
      expect(workers.slice(0, 140), c).toMatch(/worker process/);
      expect(io.out(), c).not.toMatch(/thread/);
    }
  });

  it('an unknown option is a usage error (2) naming it, for every command', async () => {
    for (const c of COMMANDS) {
      const io = captureIo();
      expect(await main([c, '--no-such-option'], io.io), c).toBe(2);
      expect(io.err(), c).toMatch(/no-such-option/);
    }
  });
});

describe('creditlift catalog', () => {
  it('prints every catalog kind with both names', async () => {
    const c = captureIo();
    expect(await runCatalogCommand([], c.io)).toBe(0);
    for (const k of defaultCatalog.values()) {
      expect(c.out()).toContain(k.id);
      expect(c.out()).toContain(k.names.zhHans);
    }
  });

  it('--json prints the kind specs; --category filters; an unknown category is a usage error', async () => {
    const c = captureIo();
    expect(await runCatalogCommand(['--json', '--category', 'language'], c.io)).toBe(0);
    const kinds = JSON.parse(c.out()) as { id: string; category: string }[];
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k.category === 'language')).toBe(true);
    expect(kinds.map((k) => k.id)).toContain('ielts');
    expect(await runCatalogCommand(['--category', 'astrology'], captureIo().io)).toBe(2);
  });

  it('table columns line up even with Chinese names (wide characters count two columns)', () => {
    expect(displayWidth('教师资格证')).toBe(10);
    const lines = formatTable(
      ['a', 'b', 'c'],
      [
        ['雅思', 'x', '1'],
        ['ielts', 'yy', '2'],
      ],
    ).split('\n');
    const col = (line: string) => displayWidth(line.slice(0, line.indexOf(line.includes('x') ? 'x' : 'yy')));
    expect(col(lines[2]!)).toBe(col(lines[3]!));
  });
});

describe('creditlift schema', () => {
  it('prints the applicant JSON Schema by default, and the evidence and catalog-kind schemas by name', () => {
    const c = captureIo();
    expect(runSchemaCommand([], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toEqual(applicantJsonSchema());
    for (const name of ['evidence', 'catalog-kind']) {
      const io = captureIo();
      expect(runSchemaCommand([name], io.io)).toBe(0);
      expect(JSON.parse(io.out())).toHaveProperty('properties');
    }
    expect(runSchemaCommand(['horoscope'], captureIo().io)).toBe(2);
  });
});
