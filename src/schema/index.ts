export * from './primitives.js';
export * from './certificateEvidence.js';
export * from './applicant.js';
