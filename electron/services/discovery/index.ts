/**
 * Network discovery: finds live hosts in target ranges and guesses what they are. Plain Node
 * (no Electron), shared by the desktop app, the browser host and the CLI.
 */
export { runDiscovery, type DiscoveryResult, type DiscoveryRun } from './run-discovery';
export type { DiscoveryProgress } from './progress-throttle';
export { createReverseDnsResolver, type ReverseDnsResolver } from './reverse-dns';
export { readSystemArpTable, type ArpTableReader } from './arp-table';
export { fingerprint, type Fingerprint, type FingerprintInput } from './fingerprint';
export { DEFAULT_BANNER_PORTS, type BannerPorts } from './service-names';
export type { SnmpIdentity } from './snmp-prober';
