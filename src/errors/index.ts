export { CreditliftError, type CreditliftErrorCode } from './creditliftError.js';
export { ValidationError, formatPath, isProtectedKey, type ValidationIssue } from './validationError.js';
