import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { parseMonthlyBudget } from '../../src/health/index.js';

// findings27-health F6: a "__proto__" key (as JSON.parse makes it, an own property) in
// budget.categories was dropped without a word, where every other unknown key is refused.
const issuesOf = (json: string): string[] => {
  try {
    parseMonthlyBudget(JSON.parse(json));
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.path.join('.')}:${i.code}`);
    throw e;
  }
  return [];
};

describe('budget.categories refuses a __proto__ key like any unknown key', () => {
  it('alone or beside a real category', () => {
    expect(issuesOf('{"overall":1000,"categories":{"__proto__":{"food":5}}}')).toEqual(['categories.__proto__:unrecognized_key']);
    expect(issuesOf('{"overall":1000,"categories":{"food":5,"__proto__":5}}')).toEqual(['categories.__proto__:unrecognized_key']);
    expect(issuesOf('{"overall":1000,"categories":{"foo":10}}')).toEqual(['categories.foo:unrecognized_key']);
  });
  it('a budget without it still parses', () => {
    expect(parseMonthlyBudget(JSON.parse('{"overall":1000,"categories":{"food":5}}'))).toEqual({ overall: 1000, categories: { food: 5 } });
  });
});
