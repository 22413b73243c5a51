/**
 * The error services throw for expected failures. The dispatcher turns it into the contract's
 * `{ ok: false, error }`; anything else thrown becomes an `internal` error.
 */
import type { ApiError, ErrorCode } from '../../shared/contract/common';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Shorthand for a missing entity: `notFound('site', 12)` → "site 12 does not exist". */
export function notFound(entity: string, id: number | string): AppError {
  return new AppError('not_found', `${entity} ${id} does not exist`);
}
