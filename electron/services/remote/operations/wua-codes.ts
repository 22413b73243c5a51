/**
 * Names for what the Windows Update Agent reports: `OperationResultCode` (per update and per
 * round) and the HRESULTs an install or uninstall most often fails with, so a report says
 * `0x80240016 WU_E_INSTALL_NOT_ALLOWED` instead of a bare negative number (execution.md §3).
 */

/** WUA's `OperationResultCode` enumeration. */
export type WuaResultCode = 'not_started' | 'in_progress' | 'succeeded' | 'succeeded_with_errors' | 'failed' | 'aborted';

const RESULT_CODES: readonly WuaResultCode[] = ['not_started', 'in_progress', 'succeeded', 'succeeded_with_errors', 'failed', 'aborted'];

/** The enumeration value WUA wrote (0 orcNotStarted … 5 orcAborted) as a name; null for anything else. */
export function wuaResultCode(value: number): WuaResultCode | null {
  return Number.isInteger(value) ? (RESULT_CODES[value] ?? null) : null;
}

// The names of the common WUA and Win32 HRESULTs, from the Windows SDK's wuerror.h / winerror.h.
const HRESULT_NAMES: Readonly<Record<number, string>> = {
  0x00000000: 'S_OK',
  0x00240005: 'WU_S_REBOOT_REQUIRED',
  0x00240006: 'WU_S_ALREADY_INSTALLED',
  0x00240007: 'WU_S_ALREADY_UNINSTALLED',
  0x80070005: 'E_ACCESSDENIED',
  0x80070422: 'ERROR_SERVICE_DISABLED',
  0x8007045b: 'ERROR_SHUTDOWN_IN_PROGRESS',
  0x80070bc2: 'ERROR_SUCCESS_REBOOT_REQUIRED',
  0x80240016: 'WU_E_INSTALL_NOT_ALLOWED',
  0x80240017: 'WU_E_NOT_APPLICABLE',
  0x8024001e: 'WU_E_SERVICE_STOP',
  0x80240020: 'WU_E_NO_INTERACTIVE_USER',
  0x80240022: 'WU_E_ALL_UPDATES_FAILED',
  0x80240024: 'WU_E_NO_UPDATE',
  0x8024002e: 'WU_E_WU_DISABLED',
  0x80240030: 'WU_E_INVALID_PROXY_SERVER',
  0x80240044: 'WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED',
  0x8024200b: 'WU_E_UH_INSTALLERFAILURE',
  0x80242014: 'WU_E_UH_POSTREBOOTSTILLPENDING',
  0x8024402c: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED',
  0x80244022: 'WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL',
  0x8024a007: 'WU_E_REBOOT_IN_PROGRESS',
  0x800f081f: 'CBS_E_SOURCE_MISSING',
  0x800f0922: 'CBS_E_INSTALLERS_FAILED',
};

/** `value` (signed or unsigned 32-bit, as PowerShell writes `HResult`) as `0x80240016`. */
export function hresultHex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** `0x80240016 WU_E_INSTALL_NOT_ALLOWED`, or the hex alone when the code has no name here. */
export function describeHresult(value: number): string {
  const name = HRESULT_NAMES[value >>> 0];
  return name ? `${hresultHex(value)} ${name}` : hresultHex(value);
}
