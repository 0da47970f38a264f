export { CreditliftError, CREDITLIFT_ERROR_CODES, type CreditliftErrorCode, type CreditliftErrorData } from './creditliftError.js';
export {
  ValidationError,
  MAX_ISSUES,
  MAX_FIELDS_IN_MESSAGE,
  formatPath,
  validationIssuesFromZod,
  isProtectedKey,
  type ValidationIssue,
  type ValidationErrorCode,
  type ValidationErrorData,
} from './validationError.js';
export { CREDITLIFT_ISSUE_CODES, ZOD_ISSUE_CODES, type ValidationIssueCode } from './validationIssueCode.js';
export { MAX_ECHO_LENGTH, truncateForMessage } from './truncateForMessage.js';
