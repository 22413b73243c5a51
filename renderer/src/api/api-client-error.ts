import type { ApiError, ErrorCode } from '../../../shared/contract';

/** One field-level problem reported by the host, with a dotted path such as `changes.addresses.1`. */
export interface ApiIssue {
  path: string;
  message: string;
}

/** The error every failed API call throws: the contract's error code, its message and field issues. */
export class ApiClientError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly ApiIssue[];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiClientError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

/** True when the value is an ApiClientError, optionally with the given code. */
export function isApiClientError(value: unknown, code?: ErrorCode): value is ApiClientError {
  return value instanceof ApiClientError && (code === undefined || value.code === code);
}

/** A message fit for the UI from anything a call may throw. */
export function errorMessage(value: unknown): string {
  if (value instanceof Error) return value.message;
  return String(value);
}
