/** Public surface of the WinRM client: run PowerShell on a Windows host, agentlessly. */
export { runPowerShell, powershellArguments, type PowerShellResult, type RunPowerShellOptions } from './run-powershell';
export { WinRmError, isFaultSubcode, type SoapFault, type WinRmErrorCode } from './winrm-error';
export { type WinRmTarget, targetProblem } from './winrm-target';
export { type TlsTrust, formatFingerprint } from './http/tls-trust';
export { fetchCertificateFingerprint } from './http/certificate-probe';
