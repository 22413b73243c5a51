/** Public surface of the collectors: one host's patch state over SSH, WinRM or an offline file. */
export { transportFailure, type CollectionContext, type CollectionOutcome } from './collection-outcome';
export { collectLinux, LINUX_COLLECTOR_COMMAND, type CollectOptions, type CommandRunner } from './linux-collector';
export { LINUX_COLLECTOR_SCRIPT } from './linux-collector.script';
export { parseLinuxCollection, type LinuxCollectionOutcome } from './linux-collection.parser';
export { splitLinuxSections, type CollectedSection } from './linux-sections.parser';
export { collectWindows, type PowerShellRunner, type WindowsCollectOptions } from './windows-collector';
export { WINDOWS_COLLECTOR_SCRIPT, WINDOWS_COLLECTOR_REMOTE_SCRIPT } from './windows-collector.script';
export { parseWindowsCollection, type WindowsCollectorDocument } from './windows-collection.parser';
export { collectNetworkDevice, deviceVendorHint, type DeviceCommandRunner, type DeviceVendor } from './network-device-collector';
export { collectScript, parseCollectionFile, decodeCollectionFile, OFFLINE_SCRIPT_FILE_NAMES } from './offline-collection';
