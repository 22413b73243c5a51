/**
 * The one dispatcher every transport goes through (Electron IPC, the browser host, the CLI): it
 * checks the channel, parses the request with its schema, calls the handler and returns
 * `{ ok, value } | { ok: false, error }`. Thrown errors never cross a boundary raw.
 */
import type { z } from 'zod';
import type { ApiError, ApiResult } from '../../shared/contract/common';
import { channels, isChannelName, type ChannelName, type ParsedRequestOf, type ResponseOf } from '../../shared/contract/index';
import { BUSY_TIMEOUT_MS } from '../db/database';
import { describeBusyDatabase, describeStorageProblem, isDatabaseBusy, storageProblemOf } from '../db/storage-error';
import { AppError } from '../platform/app-error';

/** One handler per channel, receiving the parsed request. */
export type Handlers = { [C in ChannelName]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export interface Dispatcher {
  /** Calls a channel with an untrusted request. Never throws. */
  invoke(channel: string, request: unknown): Promise<ApiResult<unknown>>;
}

export interface DispatcherOptions {
  /** Also check every response against its schema (tests and development: catches contract drift). */
  checkResponses?: boolean;
  /** The data folder, named when a write fails because it is read-only or its disk is full. */
  dataDir?: string;
  /** Where unexpected errors are reported (stack traces stay on this side). */
  reportInternalError?: (channel: string, error: unknown) => void;
}

/** Builds the dispatcher over a complete set of handlers. */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const report = options.reportInternalError ?? ((channel, error) => console.error(`[${channel}]`, error));
  return {
    async invoke(channel, request) {
      if (!isChannelName(channel)) return failure({ code: 'bad_request', message: `unknown channel "${channel}"` });
      const definition = channels[channel];
      const parsed = (definition.request as z.ZodType).safeParse(request ?? {});
      if (!parsed.success) return failure(describeValidationError(channel, parsed.error));
      try {
        const handler = handlers[channel] as (request: unknown) => unknown;
        const value = await handler(parsed.data);
        if (options.checkResponses) {
          const checked = (definition.response as z.ZodType).safeParse(value);
          if (!checked.success) {
            report(channel, checked.error);
            return failure({ code: 'internal', message: `the response of ${channel} does not match the contract: ${summariseIssues(checked.error)}` });
          }
        }
        return { ok: true, value };
      } catch (error) {
        if (error instanceof AppError) return failure({ code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) });
        const problem = storageProblemOf(error);
        if (problem) return failure({ code: 'storage', message: describeStorageProblem(problem, options.dataDir ?? 'in use', (error as Error).message) });
        if (isDatabaseBusy(error)) return failure({ code: 'unavailable', message: describeBusyDatabase(options.dataDir ?? 'use', BUSY_TIMEOUT_MS) });
        report(channel, error);
        return failure({ code: 'internal', message: `${channel} failed unexpectedly: ${(error as Error).message ?? String(error)}` });
      }
    },
  };
}

function failure(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}

/** Turns a zod error into a message naming each field and what is wrong there. */
export function describeValidationError(channel: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return { code: 'bad_request', message: `invalid request to ${channel}: ${summariseIssues(error)}`, issues };
}

function summariseIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return shown.join('; ') + more;
}
