/**
 * A record without its lender attributes, for what a simulation reads of it itself (segments, the
 * applicant a stored prior is checked against). The deciders judged the attributes by the feature
 * set they were built on, which the simulation does not know; it reads built-in fields only, and
 * the built-in schema refuses every attribute key. So they are set aside here, never validated a
 * second time by a schema that would refuse what the deciders took.
 */
export function builtInFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'attributes')) return value;
  const { attributes: _attributes, ...rest } = value as Record<string, unknown>;
  return rest;
}
