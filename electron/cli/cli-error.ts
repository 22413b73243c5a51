/** CLI failures and their exit codes: 1 for a failure, 2 for bad usage or bad input. */
import type { ApiError } from '../../shared/contract/common';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage mistake (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

/** Maps a contract error to the CLI's exit code: the user's input is at fault, or something failed. */
export function fromApiError(error: ApiError): CliError {
  const badInput = error.code === 'bad_request' || error.code === 'not_found' || error.code === 'conflict' || error.code === 'needs_confirmation';
  return new CliError(error.message, badInput ? 2 : 1);
}
