// resolvePolicy merges overrides that often come straight from JSON.parse, which makes "__proto__"
// an own key. Assigned with `out[key] = value`, such a key sets the merged object's prototype and
// vanishes, so the lender's value is lost without a word; it must reach validation and be refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { aprCapInForce } from '../../src/policy/policyConfig.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { policyRefusal } from '../helpers/policyRefusal.js';

const refusal = policyRefusal;

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

describe('resolvePolicy: keys that name prototype machinery', () => {
  it.each(PROTOTYPE_KEYS)('"%s" inside a section (from JSON.parse) is refused as an unknown field by name', (key) => {
    const err = refusal(JSON.parse(`{"pricing":{"margin":0.2,"${key}":{"aprCap":0.18}}}`));
    expect(err.issues).toEqual([expect.objectContaining({ path: ['pricing', key], code: 'unrecognized_key' })]);
  });

  it.each(PROTOTYPE_KEYS)('"%s" at the top level (from JSON.parse) is refused as an unknown field by name', (key) => {
    const err = refusal(JSON.parse(`{"${key}":{"pricing":{"aprCap":0.18}}}`));
    expect(err.issues).toEqual([expect.objectContaining({ path: [key], code: 'unrecognized_key' })]);
  });

  it('"__proto__" inside the jurisdiction (replaced whole) is refused by name too', () => {
    const jurisdiction = { ...JSON.parse(JSON.stringify(defaultPolicy.jurisdiction)), ...JSON.parse('{"__proto__":{"aprCap":0.36}}') };
    expect(refusal({ jurisdiction }).fields).toEqual(['jurisdiction.__proto__']);
  });

  it('never changes any prototype: Object.prototype and the merged sections stay plain', () => {
    refusal(JSON.parse('{"pricing":{"__proto__":{"aprCap":0.18}},"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).aprCap).toBeUndefined();
    const p = resolvePolicy({ pricing: { margin: 0.2 } });
    expect(Object.getPrototypeOf(p.pricing)).toBe(Object.prototype);
  });
});

describe('a jurisdiction switch leaves the pricing figures alone (as the README says: set your own)', () => {
  it("eu-ccd2 keeps the default's 24% lender cap and 20% average-cost alert, China's figures, until the lender sets its own", () => {
    const eu = resolvePolicy({ jurisdiction: euCcd2 });
    expect(eu.jurisdiction.aprCap).toBeNull();
    expect(aprCapInForce(eu)).toBe(0.24);
    expect(eu.pricing.averageCostAlertAbove).toBe(0.2);
    const own = resolvePolicy({ jurisdiction: euCcd2, pricing: { aprCap: 0.2, averageCostAlertAbove: 0.15 } });
    expect([aprCapInForce(own), own.pricing.averageCostAlertAbove]).toEqual([0.2, 0.15]);
    // The default policy's own bytes do not move.
    expect(defaultPolicy.pricing).toMatchObject({ aprCap: 0.24, averageCostAlertAbove: 0.2 });
  });
});

// findings14-docs #4: the README's own profile for another jurisdiction, `{ ...euCcd2, id: 'eu-ccd2-xx',
// ..., aprCap: 0.2 }`, was refused as written: the default pricing.aprCap (24%) stays in place and is
// above the profile's 20% ceiling, and the refusal did not say that pricing.aprCap must come down.
describe('README, "Caps as the rules say": the example of a profile for another jurisdiction', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Caps as the rules say'), readme.indexOf('### Students'));

  it('runs as written (the inline resolvePolicy call, evaluated) and gives the profile with its own id and ceiling', () => {
    const call = /`(resolvePolicy\(\{ jurisdiction: \{ \.\.\.euCcd2, id: 'eu-ccd2-xx'[^`]*)`/.exec(section.replace(/\s*\n\s*/g, ' '))?.[1];
    expect(call, 'the README shows the call').toBeDefined();
    const policy = new Function('resolvePolicy', 'euCcd2', `return ${call}`)(resolvePolicy, euCcd2) as ReturnType<typeof resolvePolicy>;
    expect(policy.jurisdiction).toMatchObject({ id: 'eu-ccd2-xx', aprCap: 0.2 });
    expect(aprCapInForce(policy)).toBe(0.2);
  });

  it('without pricing.aprCap the profile is refused, and the refusal says to set pricing.aprCap at or below the ceiling', () => {
    const jurisdiction = { ...euCcd2, id: 'eu-ccd2-xx', name: 'CCD2 as member state XX applies it', aprCap: 0.2 };
    const err = refusal({ jurisdiction });
    expect(err.fields).toEqual(['pricing.aprCap']);
    expect(err.issues[0]?.message).toBe(
      'aprCap 24% is above the eu-ccd2-xx ceiling of 20%: set pricing.aprCap to at most 20% (a jurisdiction profile does not change it)',
    );
  });
});
