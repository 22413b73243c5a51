/** The errors the job engine throws into handlers, and one handlers may throw to fail with a result. */
import { AppError } from '../platform/app-error';
import type { JobStopReason } from './job-kind';

/** A step was refused because the job was stopped (cancelled, its process stopping, or lost). */
export class JobStoppedError extends AppError {
  constructor(
    readonly jobId: string,
    readonly reason: JobStopReason,
  ) {
    super('cancelled', reason === 'cancel' ? `job ${jobId} was cancelled` : reason === 'shutdown' ? `job ${jobId} stopped because Patchdesk is closing` : `job ${jobId} was taken over: its process was judged gone`);
    this.name = 'JobStoppedError';
  }
}

/** Thrown by a handler to end its job `failed` with this message and still store a result. */
export class JobFailedError extends Error {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
    this.name = 'JobFailedError';
  }
}
