import { BRAND_NAME, addBrand } from '../errors/errorBrand.js';
import { ValidationError } from '../errors/validationError.js';

/**
 * Thrown when a policy configuration (or an override of one) breaks the schema or a cross-field
 * rule: a {@link ValidationError} with code `'policy_invalid'` and subject `'PolicyConfig'`, so
 * `issues`, `fields` and `toJSON()` read as for any other input. `cause` is the underlying
 * validation of the policy document.
 */
export class PolicyInvalidError extends ValidationError {
  /** The brand this class's instances carry (`instanceof` across package copies). */
  static override readonly [BRAND_NAME]: string = 'PolicyInvalidError';

  constructor(validation: ValidationError) {
    super(validation.subject, validation.issues, 'policy_invalid');
    this.name = 'PolicyInvalidError';
    // The message names the fields as the validation did (subject included), verbatim.
    this.message = validation.message;
    Object.defineProperty(this, 'cause', { value: validation, enumerable: false, writable: true, configurable: true });
    addBrand(this, 'PolicyInvalidError');
  }
}
