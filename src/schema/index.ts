export * from './primitives.js';
export * from './certificateEvidence.js';
export * from './applicant.js';
export * from './parseApplicant.js';
export * from './jsonSchema.js';
export * from './dataCategory.js';
