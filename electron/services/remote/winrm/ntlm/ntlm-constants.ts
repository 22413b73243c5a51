/** Wire constants from MS-NLMP 2.2: message signature, negotiate flags (2.2.2.5) and AV pair ids (2.2.2.1). */

/** "NTLMSSP\0", the first eight bytes of every NTLM message. */
export const NTLM_SIGNATURE = Buffer.from('NTLMSSP\0', 'ascii');

/** NegotiateFlags bits, MS-NLMP 2.2.2.5. */
export const NtlmFlag = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  SIGN: 0x00000010,
  SEAL: 0x00000020,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  TARGET_TYPE_SERVER: 0x00020000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  NEGOTIATE_128: 0x20000000,
  KEY_EXCH: 0x40000000,
  NEGOTIATE_56: 0x80000000,
} as const;

/** AvId values of the AV_PAIR structure, MS-NLMP 2.2.2.1. */
export const AvId = {
  EOL: 0,
  NB_COMPUTER_NAME: 1,
  NB_DOMAIN_NAME: 2,
  DNS_COMPUTER_NAME: 3,
  DNS_DOMAIN_NAME: 4,
  DNS_TREE_NAME: 5,
  FLAGS: 6,
  TIMESTAMP: 7,
  SINGLE_HOST: 8,
  TARGET_NAME: 9,
  CHANNEL_BINDINGS: 10,
} as const;

/** MsvAvFlags bit saying the AUTHENTICATE message carries a MIC (MS-NLMP 2.2.2.1). */
export const AV_FLAG_MIC_PRESENT = 0x00000002;

/** Whether every bit of `flag` is set in `flags`. */
export function hasFlag(flags: number, flag: number): boolean {
  return (flags & flag) >>> 0 === flag >>> 0;
}
