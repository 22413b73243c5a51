/**
 * VERIFY.txt: how an auditor checks a pack, with Patchdesk or with nothing but OpenSSL. It is
 * listed in the manifest like every other file, so it cannot be swapped for misleading advice.
 */
import type { PublicKeyInfo } from '../signing/ed25519';

/** The instructions' name inside the pack. */
export const VERIFY_FILE = 'VERIFY.txt';

/** The instructions for a pack signed by this key. Deterministic: no dates, no paths. */
export function verifyInstructions(signer: PublicKeyInfo): string {
  return [
    'Patchdesk evidence pack: how to check it',
    '',
    'manifest.json lists every other file in this pack with its size and SHA-256 hash.',
    'manifest.sig is the Ed25519 signature (base64) of the exact bytes of manifest.json.',
    '',
    'This pack was signed by the key with the fingerprint',
    `    ${signer.fingerprint}`,
    'Compare it with the fingerprint printed in the report and, above all, with one you received',
    'from the issuer by another channel: anyone can sign a pack with a key of their own.',
    '',
    'With Patchdesk:',
    `    patchdesk verify THIS-PACK.zip --key ${signer.fingerprint}`,
    'Without --key, Patchdesk accepts a pack only when its own installation signed it or its admin',
    'trusts the signing key (patchdesk evidence trust add FINGERPRINT --name NAME); a pack signed by',
    'any other key fails as "signed by an unknown key", even when every file matches.',
    '',
    'With OpenSSL 3, in the folder this pack was unzipped into:',
    '    1. Save the public key below as key.pem.',
    '    2. base64 -d manifest.sig > manifest.sig.bin',
    '    3. openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in manifest.json -sigfile manifest.sig.bin',
    '       (prints "Signature Verified Successfully")',
    '    4. sha256sum each file and compare it with its "sha256" in manifest.json.',
    '',
    signer.publicKeyPem.trimEnd(),
    '',
  ].join('\n');
}
