import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import { jsonCellText } from '../../csv/jsonCellText.js';
import { hasLeadingZeros, type LenientCellCode } from '../../csv/lenientCells.js';
import { paddedCellText } from '../../csv/paddedCellText.js';
import { IMPRECISE_NUMBER_MESSAGE } from '../../json/impreciseNumbers.js';
import { parseStrictJson } from '../../json/parseStrictJson.js';
import { roundsToInteger } from '../../text/roundsToInteger.js';
import { applicantJsonSchema } from '../../schema/jsonSchema.js';
import { z } from 'zod';

/** How a CSV cell is read, from the applicant JSON Schema's type at the column's path. */
export type CsvCellKind = 'integer' | 'number' | 'boolean' | 'string' | 'json' | 'unknown' | 'ledger' | 'prior' | 'onFile';

/**
 * The column holding a row's own ledger of recent raises (JSON, as `decide`'s `limitHistory`): not an
 * applicant field, so it is read beside the applicant, as an NDJSON line's envelope carries it.
 */
export const LEDGER_COLUMN = 'limitHistory';

/**
 * The column holding a row's stored decision (the customer's latest sealed decision JSON, as an NDJSON
 * line's `prior` key carries it): not an applicant field (no applicant has a `prior`), read by
 * `simulate` beside the applicant and refused, by name, by every other command's reader.
 */
export const PRIOR_COLUMN = 'prior';

/**
 * The column holding what the lender's account system holds for a row's line now (`{ line,
 * selfSetCap, limitHistory }` JSON, as an NDJSON line's `onFile` key carries it): not an applicant
 * field, read by `simulate` beside the stored decision and refused, by name, by every other reader.
 */
export const ON_FILE_COLUMN = 'onFile';

/** One CSV column: its header, the applicant path it fills and how its cells are read. */
export interface CsvColumn {
  readonly header: string;
  /** `income.monthlyNet` -> ['income', 'monthlyNet']; `evidence.0.kind` -> ['evidence', 0, 'kind']. */
  readonly path: readonly (string | number)[];
  readonly kind: CsvCellKind;
}

type SchemaNode = { readonly type?: unknown; readonly properties?: Record<string, SchemaNode>; readonly items?: SchemaNode };

/**
 * The applicant JSON Schema a CSV header is planned against: the built-in fields, and under
 * `attributes` the lender's declared attributes (a feature set's `attributes`, as the scorer
 * validates them), so a dotted `attributes.months_on_book` column is read as its declared type.
 * Without attributes it is the built-in schema, where every `attributes.*` column is undeclared.
 *
 * @param attributes a feature set's attribute schema (`defineFeatureSet({ attributes })`), if any
 */
export function csvApplicantSchema(attributes?: z.ZodType): SchemaNode {
  const schema = applicantJsonSchema() as { properties: Record<string, SchemaNode> };
  if (attributes === undefined) return schema;
  // A type JSON Schema cannot state (a date, a custom check) comes out as `{}`: no type, so its
  // column is refused at the header by name (untyped_column) rather than read as a guess.
  let declared: SchemaNode;
  try {
    declared = z.toJSONSchema(attributes, { io: 'input', unrepresentable: 'any' }) as SchemaNode;
  } catch {
    declared = { type: 'object', properties: {} };
  }
  return { ...schema, properties: { ...schema.properties, attributes: declared } };
}

// No applicant path comes near this; a longer name is refused before its prefixes are looked at.
const MAX_COLUMN_NAME_LENGTH = 256;

// Keys that would reach Object.prototype when building the record; never a field of an applicant.
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Plans how a CSV header maps to applicant fields. Headers are dotted paths (`income.monthlyNet`,
 * `bureau.hasFile`, `evidence.0.score`); a numeric segment is an array index. A column naming an
 * object or array (`evidence`, `controls`) holds that part as JSON text. Columns the schema does
 * not know are passed through as text so validation names them. A `limitHistory` column is the
 * row's ledger, a `prior` column its stored decision and an `onFile` column the line on file, none part of the applicant (kinds `ledger`, `prior`, `onFile`). A lender attribute (`attributes.<name>`,
 * typed by `schema`: see {@link csvApplicantSchema}) is read as its declared type; one whose type
 * no single cell can state (a union of types, a date) is refused (`untyped_column`), pointing to
 * one JSON `attributes` column instead.
 *
 * @throws ValidationError (subject `CSV header`) for empty, duplicate, unsafe, overlapping or untyped headers
 */
export function planCsvColumns(header: readonly string[], schema: SchemaNode = applicantJsonSchema() as SchemaNode): CsvColumn[] {
  const issues: ValidationIssue[] = [];
  // Each field named so far (its path with indexes as numbers, so `evidence.00` and `evidence.0`
  // are one field) and the header that named it first: comparing header text let a zero-padded
  // index name a field twice, the later cell silently overwriting the earlier.
  const seen = new Map<string, string>();
  const fields: string[] = [];
  const columns = header.map((raw, j): CsvColumn => {
    const name = raw.trim();
    const segments = name.length > MAX_COLUMN_NAME_LENGTH ? [] : name.split('.');
    const path = segments.map((s) => (/^\d{1,6}$/.test(s) ? Number(s) : s));
    const field = path.join('.');
    fields.push(field);
    const first = seen.get(field);
    const faultsBefore = issues.length;
    if (name.length > MAX_COLUMN_NAME_LENGTH)
      issues.push({
        path: ['header', j],
        code: 'invalid_column_name',
        message: `column ${j + 1} is longer than ${MAX_COLUMN_NAME_LENGTH} characters; no applicant field path is`,
      });
    else if (name === '' || segments.some((s) => s === ''))
      issues.push({ path: ['header', j], code: 'invalid_column_name', message: `column ${j + 1} ("${raw}") is not a dotted field path` });
    else if (segments.some((s) => FORBIDDEN_SEGMENTS.has(s)))
      issues.push({ path: ['header', j], code: 'invalid_column_name', message: `column ${j + 1} ("${raw}") names a reserved key` });
    else if (first !== undefined)
      issues.push({
        path: ['header', j],
        code: 'duplicate_column',
        message: first === name ? `column "${name}" appears more than once` : `column "${name}" names the same field as column "${first}"`,
      });
    if (first === undefined) seen.set(field, name);
    if (name === LEDGER_COLUMN) return { header: name, path, kind: 'ledger' };
    if (name === PRIOR_COLUMN) return { header: name, path, kind: 'prior' };
    if (name === ON_FILE_COLUMN) return { header: name, path, kind: 'onFile' };
    const node = nodeAt(schema, path);
    const kind = node === undefined ? 'unknown' : kindOf(node);
    // A declared attribute whose cell could only be kept as text: validation would then refuse every
    // row ("expected ..., received string"), or a union would take the text as a string silently.
    if (kind === 'unknown' && node !== undefined && path[0] === 'attributes' && path.length > 1 && issues.length === faultsBefore)
      issues.push({
        path: ['header', j],
        code: 'untyped_column',
        message: `column "${name}": the declared type of this attribute cannot be read from one CSV cell; give the attributes as JSON in one "attributes" column`,
      });
    return { header: name, path, kind };
  });
  // Every proper dotted prefix of every field, with one header it belongs to: a column whose whole
  // field is such a prefix overlaps that header. Linear in the header's length (40,000 columns in
  // milliseconds), where comparing every pair of columns was quadratic.
  const prefixes = new Map<string, string>();
  columns.forEach((c, j) => {
    if (c.path.length === 0) return; // refused above for its length
    const field = fields[j] as string;
    for (let k = field.indexOf('.'); k >= 0; k = field.indexOf('.', k + 1)) {
      const prefix = field.slice(0, k);
      if (!prefixes.has(prefix)) prefixes.set(prefix, c.header);
    }
  });
  columns.forEach((c, j) => {
    const clash = prefixes.get(fields[j] as string);
    if (clash !== undefined) issues.push({ path: ['header', j], code: 'overlapping_columns', message: `column "${c.header}" overlaps column "${clash}"` });
  });
  if (issues.length > 0) throw new ValidationError('CSV header', issues);
  return columns;
}

/** The schema node a column's path names, or undefined when the schema does not know the path. */
function nodeAt(schema: SchemaNode, path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const seg of path) {
    if (node === undefined) return undefined;
    node =
      typeof seg === 'number'
        ? typeOf(node) === 'array'
          ? node.items
          : undefined
        : node.properties && Object.hasOwn(node.properties, seg)
          ? node.properties[seg]
          : undefined;
  }
  return node;
}

/**
 * A node's one type. A CSV cell is never null (an empty cell leaves the field out), so a nullable
 * type (`["number", "null"]`, from a lender's `z.number().nullable()`) is its other type; two or
 * more others are no one type.
 */
function typeOf(node: SchemaNode): unknown {
  if (!Array.isArray(node.type)) return node.type;
  const types = node.type.filter((t) => t !== 'null');
  return types.length === 1 ? types[0] : undefined;
}

function kindOf(node: SchemaNode): CsvCellKind {
  const type = typeOf(node);
  switch (type) {
    case 'integer':
    case 'number':
    case 'boolean':
    case 'string':
      return type;
    case 'object':
    case 'array':
      return 'json';
    default:
      return 'unknown';
  }
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

/** One cell as read: its value, and what reading it would have altered silently (paths within the cell). */
export interface CsvCellRead {
  readonly value: unknown;
  /** Empty for a cell read as written; else every issue, the cell refused. */
  readonly issues: readonly ValidationIssue[];
  /** The lenient readings made of a number, boolean or JSON cell read (see `lenientCells`), for the run to count; absent when none. */
  readonly lenient?: readonly LenientCellCode[];
}

const READ_AS_TEXT: readonly ValidationIssue[] = [];
const TRIMMED: readonly LenientCellCode[] = ['cells_trimmed'];
const ZEROS: readonly LenientCellCode[] = ['numbers_with_leading_zeros'];
const TRIMMED_ZEROS: readonly LenientCellCode[] = ['cells_trimmed', 'numbers_with_leading_zeros'];
const IMPRECISE: readonly ValidationIssue[] = [{ path: [], code: 'imprecise_number', message: IMPRECISE_NUMBER_MESSAGE }];

/**
 * Reads one CSV cell as its column's kind. A number, boolean or JSON cell is read without the spaces
 * and tabs around it, and a number written with leading zeros as that number: each such reading is
 * named in `lenient`, for the run to count and warn of, as `train` does. Any other whitespace around
 * one (NBSP, U+3000, a BOM, U+2028, a line end) refuses the cell (`invalid_cell_padding`, naming
 * `header` and each code point; see paddedCellText). A cell that does not read as its kind is kept as
 * text, so validation reports the field with what it expected rather than a guess being decided on.
 * A cell that would be read altered has its issues (at their paths in the cell): a number whose
 * written fraction a double rounds to an integer (`imprecise_number`), a JSON cell repeating a key
 * or writing such a number.
 *
 * @param header the column's header, named in a refusal (the issue's path names the field)
 */
export function readCsvCell(kind: CsvCellKind, cell: string, header?: string): CsvCellRead {
  if (kind === 'json') return readJsonCell(cell, header);
  if (kind !== 'integer' && kind !== 'number' && kind !== 'boolean') return { value: cell, issues: READ_AS_TEXT };
  const padded = paddedCellText(cell, header, kind === 'boolean' ? 'boolean' : 'number');
  if (!padded.ok) return { value: cell, issues: [padded.issue] };
  const { text: t, trimmed } = padded;
  if (kind === 'boolean') {
    const value = BOOLEANS[t.toLowerCase()];
    if (value === undefined) return { value: cell, issues: READ_AS_TEXT };
    return trimmed ? { value, issues: READ_AS_TEXT, lenient: TRIMMED } : { value, issues: READ_AS_TEXT };
  }
  if (!NUMBER.test(t)) return { value: cell, issues: READ_AS_TEXT };
  // Number() would round 650000.00000000001 to 650000, which passes as integer fen: refused as written.
  if (roundsToInteger(t)) return { value: cell, issues: IMPRECISE };
  const zeros = hasLeadingZeros(t);
  const lenient = trimmed ? (zeros ? TRIMMED_ZEROS : TRIMMED) : zeros ? ZEROS : undefined;
  return lenient === undefined ? { value: Number(t), issues: READ_AS_TEXT } : { value: Number(t), issues: READ_AS_TEXT, lenient };
}

function readJsonCell(cell: string, header: string | undefined): CsvCellRead {
  const padded = jsonCellText(cell, header);
  if (!padded.ok) return { value: cell, issues: [padded.issue] };
  const read = parseStrictJson(padded.text);
  // Not JSON: the cell stays text, for validation to name with the type it expected.
  if (!read.ok) return { value: cell, issues: read.issues.length === 1 && read.issues[0]?.code === 'invalid_json' ? READ_AS_TEXT : read.issues };
  return padded.trimmed ? { value: read.value, issues: READ_AS_TEXT, lenient: TRIMMED } : { value: read.value, issues: READ_AS_TEXT };
}

/** One CSV row read: the nested applicant, and every issue its cells have (each at its field's path; empty when none). */
export interface CsvRowRead {
  readonly value: Record<string, unknown>;
  readonly issues: readonly ValidationIssue[];
  /** Each lenient reading of a cell (see `lenientCells`), by its column's header; empty when none. */
  readonly lenient: readonly { readonly column: string; readonly code: LenientCellCode }[];
}

/**
 * Builds the nested applicant object of one CSV row. Empty cells leave their field out (so
 * defaults apply and required fields are reported missing). A cell's issues come back at the
 * field's path (`controls.selfSetCap` inside a `controls` JSON cell), every cell's together.
 */
export function readCsvRow(columns: readonly CsvColumn[], cells: readonly string[]): CsvRowRead {
  const root: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  const lenient: { column: string; code: LenientCellCode }[] = [];
  columns.forEach((col, j) => {
    const cell = cells[j];
    if (cell === undefined || cell === '' || col.kind === 'ledger' || col.kind === 'prior' || col.kind === 'onFile') return;
    let node: Record<string | number, unknown> = root;
    for (let k = 0; k < col.path.length - 1; k++) {
      const seg = col.path[k] as string | number;
      const nextIsIndex = typeof col.path[k + 1] === 'number';
      let child = node[seg];
      if (typeof child !== 'object' || child === null) {
        child = nextIsIndex ? [] : {};
        node[seg] = child;
      }
      node = child as Record<string | number, unknown>;
    }
    const read = readCsvCell(col.kind, cell, col.header);
    for (const issue of read.issues) issues.push({ ...issue, path: [...col.path, ...issue.path] });
    for (const code of read.lenient ?? []) lenient.push({ column: col.header, code });
    node[col.path[col.path.length - 1] as string | number] = read.value;
  });
  return { value: root, issues, lenient };
}
