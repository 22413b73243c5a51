/** The AV_PAIR list carried in the CHALLENGE's TargetInfo and echoed in NTLMv2 responses (MS-NLMP 2.2.2.1). */
import { AvId } from './ntlm-constants';
import { NtlmFormatError } from './ntlm-format-error';

/** One attribute/value pair; the list never includes the terminating MsvAvEOL. */
export interface AvPair {
  id: number;
  value: Buffer;
}

/** Parses a TargetInfo block, stopping at MsvAvEOL. */
export function parseAvPairs(block: Buffer): AvPair[] {
  const pairs: AvPair[] = [];
  let offset = 0;
  while (offset + 4 <= block.length) {
    const id = block.readUInt16LE(offset);
    const length = block.readUInt16LE(offset + 2);
    offset += 4;
    if (id === AvId.EOL) return pairs;
    if (offset + length > block.length) throw new NtlmFormatError('AV pair runs past the end of TargetInfo');
    pairs.push({ id, value: Buffer.from(block.subarray(offset, offset + length)) });
    offset += length;
  }
  throw new NtlmFormatError('TargetInfo has no MsvAvEOL terminator');
}

/** Serializes pairs followed by MsvAvEOL. */
export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const parts: Buffer[] = [];
  for (const pair of [...pairs, { id: AvId.EOL, value: Buffer.alloc(0) }]) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(pair.id, 0);
    head.writeUInt16LE(pair.value.length, 2);
    parts.push(head, pair.value);
  }
  return Buffer.concat(parts);
}

/** The value of the first pair with `id`, if any. */
export function findAvPair(pairs: readonly AvPair[], id: number): Buffer | undefined {
  return pairs.find((pair) => pair.id === id)?.value;
}
