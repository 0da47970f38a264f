import { describe, expect, it } from 'vitest';
import { exampleApplicants } from '../src/examples/index.js';
import { MAX_EVIDENCE_ITEMS } from '../src/schema/certificateEvidence.js';
import { applicantJsonSchema, certificateEvidenceJsonSchema, type JsonSchema } from '../src/schema/jsonSchema.js';

type Node = JsonSchema & {
  type?: string;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Node;
  enum?: unknown[];
  anyOf?: Node[];
};

// A deliberately small checker (type, enum, properties, required, additionalProperties, items),
// enough to show the exported schema accepts what the SDK accepts and refuses unknown keys.
function conforms(node: Node, value: unknown): boolean {
  if (node.anyOf) return node.anyOf.some((n) => conforms(n, value));
  if (node.enum && !node.enum.includes(value)) return false;
  switch (node.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const v = value as Record<string, unknown>;
      const props = node.properties ?? {};
      if ((node.required ?? []).some((k) => !(k in v))) return false;
      if (node.additionalProperties === false && Object.keys(v).some((k) => !(k in props))) return false;
      return Object.entries(v).every(([k, x]) => props[k] === undefined || conforms(props[k], x));
    }
    case 'array':
      return Array.isArray(value) && (node.items === undefined || value.every((x) => conforms(node.items!, x)));
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function walkObjects(node: Node, visit: (n: Node, path: string) => void, path = '(root)'): void {
  if (node.type === 'object') visit(node, path);
  for (const [k, child] of Object.entries(node.properties ?? {})) walkObjects(child, visit, `${path}.${k}`);
  if (node.items) walkObjects(node.items, visit, `${path}[]`);
  for (const n of node.anyOf ?? []) walkObjects(n, visit, path);
}

describe('applicantJsonSchema', () => {
  const schema = applicantJsonSchema() as Node;

  it('is a draft 2020-12 object schema with a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.title).toBe('creditlift Applicant');
  });

  it('rejects unknown keys at every level (additionalProperties: false)', () => {
    const open: string[] = [];
    walkObjects(schema, (n, path) => {
      if (n.additionalProperties !== false) open.push(path);
    });
    expect(open).toEqual([]);
  });

  it('describes input: fields with defaults are optional, the rest required', () => {
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'asOf', 'birthDate', 'identity', 'income', 'platform']));
    expect(schema.required).not.toContain('evidence');
    expect(schema.required).not.toContain('controls');
    expect(schema.properties?.bureau?.required).toEqual(['hasFile']);
  });

  it(`caps evidence at ${MAX_EVIDENCE_ITEMS} items`, () => {
    expect(schema.properties?.evidence?.maxItems).toBe(MAX_EVIDENCE_ITEMS);
  });

  it('has no field for a protected characteristic', () => {
    const names: string[] = [];
    walkObjects(schema, (n) => names.push(...Object.keys(n.properties ?? {})));
    expect(names.filter((k) => /gender|sex|ethnic|religion|race/i.test(k))).toEqual([]);
  });

  it('accepts every example applicant, and refuses one with an extra key', () => {
    for (const ex of exampleApplicants) expect(conforms(schema, ex.applicant)).toBe(true);
    const first = exampleApplicants[0]!.applicant;
    expect(conforms(schema, { ...first, nickname: 'x' })).toBe(false);
    expect(conforms(schema, { ...first, income: { ...first.income, bonus: 1 } })).toBe(false);
  });

  it('returns a fresh object each call, so editing one cannot leak into the next', () => {
    const a = applicantJsonSchema();
    a.title = 'changed';
    expect(applicantJsonSchema().title).toBe('creditlift Applicant');
  });
});

describe('certificateEvidenceJsonSchema', () => {
  const schema = certificateEvidenceJsonSchema() as Node;

  it('requires the identifying fields and rejects unknown keys', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['kind', 'issuer', 'credentialId', 'holder', 'issueDate', 'verification', 'documentHash']));
    const item = exampleApplicants[0]!.applicant.evidence![0]!;
    expect(conforms(schema, item)).toBe(true);
    expect(conforms(schema, { ...item, photo: 'data:...' })).toBe(false);
  });
});
