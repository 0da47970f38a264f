/**
 * creditlift: explainable credit-limit decisions for thin-file consumers.
 * @packageDocumentation
 */
export * from './errors/index.js';
export * from './schema/index.js';
export * from './model/manifest.js';
export type { Tree, TreeEnsemble, PostTransform, NodeModeCode } from './model/treeEnsemble.js';
export type { EvidenceAssessment, EvidenceReasonCode, CertificateCategory } from './evidence/evidenceAssessment.js';
