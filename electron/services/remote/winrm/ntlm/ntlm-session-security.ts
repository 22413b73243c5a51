/**
 * NTLM session security with extended session security (MS-NLMP 3.4): per-direction signing and
 * sealing keys, and SEAL/SIGN with a running sequence number and a connection-long RC4 handle.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Rc4 } from '../crypto/rc4';
import { NtlmFlag, hasFlag } from './ntlm-constants';
import { hmacMd5 } from './ntlmv2';

const MAGIC = {
  clientSign: 'session key to client-to-server signing key magic constant\0',
  serverSign: 'session key to server-to-client signing key magic constant\0',
  clientSeal: 'session key to client-to-server sealing key magic constant\0',
  serverSeal: 'session key to server-to-client sealing key magic constant\0',
};

/** Length of NTLMSSP_MESSAGE_SIGNATURE (2.2.2.9.1). */
export const SIGNATURE_LENGTH = 16;

/** The four directional keys of 3.4.5.2 (SIGNKEY) and 3.4.5.3 (SEALKEY). */
export interface SessionKeys {
  clientSigningKey: Buffer;
  serverSigningKey: Buffer;
  clientSealingKey: Buffer;
  serverSealingKey: Buffer;
}

function md5(...parts: Array<Buffer | string>): Buffer {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** Derives the directional keys from the ExportedSessionKey, honouring the agreed key strength. */
export function deriveSessionKeys(exportedSessionKey: Buffer, flags: number): SessionKeys {
  if (!hasFlag(flags, NtlmFlag.EXTENDED_SESSIONSECURITY)) throw new Error('session security without extended session security is not supported');
  const sealBase = hasFlag(flags, NtlmFlag.NEGOTIATE_128)
    ? exportedSessionKey
    : exportedSessionKey.subarray(0, hasFlag(flags, NtlmFlag.NEGOTIATE_56) ? 7 : 5);
  return {
    clientSigningKey: md5(exportedSessionKey, MAGIC.clientSign),
    serverSigningKey: md5(exportedSessionKey, MAGIC.serverSign),
    clientSealingKey: md5(sealBase, MAGIC.clientSeal),
    serverSealingKey: md5(sealBase, MAGIC.serverSeal),
  };
}

/** Thrown when a received message's signature does not verify. */
export class NtlmSignatureError extends Error {
  constructor() {
    super('NTLM message signature does not verify');
    this.name = 'NtlmSignatureError';
  }
}

interface Direction {
  signingKey: Buffer;
  handle: Rc4;
  sequence: number;
}

/**
 * One side of an established NTLM session. Each direction keeps its own RC4 handle and sequence
 * number for the life of the connection, so messages must be wrapped and unwrapped in order.
 */
export class NtlmSessionSecurity {
  private readonly outgoing: Direction;
  private readonly incoming: Direction;
  private readonly keyExchange: boolean;

  constructor(exportedSessionKey: Buffer, flags: number, role: 'client' | 'server') {
    const keys = deriveSessionKeys(exportedSessionKey, flags);
    const client = { signingKey: keys.clientSigningKey, handle: new Rc4(keys.clientSealingKey), sequence: 0 };
    const server = { signingKey: keys.serverSigningKey, handle: new Rc4(keys.serverSealingKey), sequence: 0 };
    this.outgoing = role === 'client' ? client : server;
    this.incoming = role === 'client' ? server : client;
    this.keyExchange = hasFlag(flags, NtlmFlag.KEY_EXCH);
  }

  /** SEAL (3.4.3): the RC4-encrypted message and its 16-byte signature. */
  wrap(message: Buffer): { sealed: Buffer; signature: Buffer } {
    const direction = this.outgoing;
    const sealed = direction.handle.update(message);
    const signature = this.mac(direction, message);
    return { sealed, signature };
  }

  /** Reverses {@link wrap} for the peer's next message, throwing {@link NtlmSignatureError} on any mismatch. */
  unwrap(sealed: Buffer, signature: Buffer): Buffer {
    const direction = this.incoming;
    const message = direction.handle.update(sealed);
    const expected = this.mac(direction, message);
    if (signature.length !== SIGNATURE_LENGTH || !timingSafeEqual(expected, signature)) throw new NtlmSignatureError();
    return message;
  }

  private mac(direction: Direction, message: Buffer): Buffer {
    const sequence = Buffer.alloc(4);
    sequence.writeUInt32LE(direction.sequence >>> 0);
    let checksum = hmacMd5(direction.signingKey, sequence, message).subarray(0, 8);
    if (this.keyExchange) checksum = direction.handle.update(checksum);
    direction.sequence += 1;
    return Buffer.concat([Buffer.from([1, 0, 0, 0]), checksum, sequence]);
  }
}
